package io.glidepath.model;

import java.util.List;
import java.util.Locale;

/**
 * The traffic layers Glidepath can drive. Each names the settings its router needs, so a spec is
 * checked before anything moves.
 */
public enum TrafficRouterType {
  /** Kubernetes Service selector switch: all or nothing, for blue-green. */
  SERVICE_SELECTOR(false, List.of("service"), List.of("selectorLabel")),
  /** Gateway API HTTPRoute backendRefs weights. */
  GATEWAY_API(true, List.of("route", "stableBackend", "canaryBackend"), List.of()),
  /** NGINX canary Ingress with the canary-weight annotation. */
  NGINX_CANARY(true, List.of("canaryIngress"), List.of()),
  /** Replica ratio between the stable and new Deployments, for clusters without a traffic layer. */
  REPLICA_RATIO(true, List.of(), List.of("totalReplicas")),
  /** Cloudflare: one load-balancer pool holding a stable and a canary origin. */
  CLOUDFLARE_ORIGIN_WEIGHT(
      true, List.of("account", "pool", "stableOrigin", "canaryOrigin"), List.of()),
  /** Cloudflare: one pool per colour, weighted on the load balancer. */
  CLOUDFLARE_POOL_WEIGHT(
      true, List.of("zone", "loadBalancer", "stablePool", "canaryPool"), List.of()),
  /** Cloudflare DNS record switch: all or nothing, for blue-green. */
  CLOUDFLARE_DNS(
      false, List.of("zone", "record", "stableAddress", "canaryAddress"), List.of("recordType")),
  /**
   * An OpenFeature flagd feature flag: stages move the share of users on the flag's new variant
   * (flagd's {@code fractional} rollout, sticky per user); nothing is deployed. See {@link
   * FlagSettings}.
   */
  FLAGD(
      true,
      List.of("flag"),
      List.of(
          "newVariant",
          "oldVariant",
          "configMap",
          "file",
          "allowlistAttribute",
          "allowlist",
          "keepAllowlist")),
  /** No traffic layer: only a rolling update can use it. */
  NONE(false, List.of(), List.of());

  private final boolean weighted;
  private final List<String> requiredSettings;
  private final List<String> optionalSettings;

  TrafficRouterType(boolean weighted, List<String> required, List<String> optional) {
    this.weighted = weighted;
    this.requiredSettings = required;
    this.optionalSettings = optional;
  }

  /** Whether this layer can hold any weight from 0 to 100, as canary stages need. */
  public boolean weighted() {
    return weighted;
  }

  /** The settings keys a region must give for this router. */
  public List<String> requiredSettings() {
    return requiredSettings;
  }

  /**
   * Every setting this router reads, required first; any other key under {@code traffic} is a
   * mistake the spec validation refuses, since a router would silently ignore it.
   */
  public List<String> knownSettings() {
    List<String> all = new java.util.ArrayList<>(requiredSettings);
    all.addAll(optionalSettings);
    return List.copyOf(all);
  }

  /** The spec's spelling, e.g. {@code gateway-api}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
