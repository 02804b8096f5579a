package io.glidepath.model;

import java.util.List;
import java.util.Locale;

/**
 * The traffic layers Glidepath can drive. Each names the settings its router needs, so a spec is
 * checked before anything moves.
 */
public enum TrafficRouterType {
  /** Kubernetes Service selector switch: all or nothing, for blue-green. */
  SERVICE_SELECTOR(false, "service"),
  /** Gateway API HTTPRoute backendRefs weights. */
  GATEWAY_API(true, "route", "stableBackend", "canaryBackend"),
  /** NGINX canary Ingress with the canary-weight annotation. */
  NGINX_CANARY(true, "canaryIngress"),
  /** Replica ratio between the stable and new Deployments, for clusters without a traffic layer. */
  REPLICA_RATIO(true),
  /** Cloudflare: one load-balancer pool holding a stable and a canary origin. */
  CLOUDFLARE_ORIGIN_WEIGHT(true, "account", "pool", "stableOrigin", "canaryOrigin"),
  /** Cloudflare: one pool per colour, weighted on the load balancer. */
  CLOUDFLARE_POOL_WEIGHT(true, "zone", "loadBalancer", "stablePool", "canaryPool"),
  /** Cloudflare DNS record switch: all or nothing, for blue-green. */
  CLOUDFLARE_DNS(false, "zone", "record", "stableAddress", "canaryAddress"),
  /** No traffic layer: only a rolling update can use it. */
  NONE(false);

  private final boolean weighted;
  private final List<String> requiredSettings;

  TrafficRouterType(boolean weighted, String... requiredSettings) {
    this.weighted = weighted;
    this.requiredSettings = List.of(requiredSettings);
  }

  /** Whether this layer can hold any weight from 0 to 100, as canary stages need. */
  public boolean weighted() {
    return weighted;
  }

  /** The settings keys a region must give for this router. */
  public List<String> requiredSettings() {
    return requiredSettings;
  }

  /** The spec's spelling, e.g. {@code gateway-api}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
