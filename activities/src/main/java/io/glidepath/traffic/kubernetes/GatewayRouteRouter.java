package io.glidepath.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * Gateway API: every rule of the HTTPRoute that sends to the stable backend gets weights {@code 100
 * - w} for stable and {@code w} for the canary backend; every other backend, rule and field stays
 * as it was. Weights are proportional, so the pair reads as a percentage.
 */
public final class GatewayRouteRouter implements TrafficRouter {
  private final KubernetesClients clients;

  public GatewayRouteRouter(KubernetesClients clients) {
    this.clients = clients;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.GATEWAY_API;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    Map<String, String> s = region.traffic().settings();
    String what = "HTTPRoute " + region.namespace() + "/" + s.get("route");
    KubernetesClient k8s = clients.forCluster(region.cluster());
    var route =
        k8s.resources(HTTPRoute.class).inNamespace(region.namespace()).withName(s.get("route"));
    try {
      return KubernetesFailures.rereadOnConflict(
          () -> {
            HTTPRoute current = route.get();
            if (current == null) {
              throw KubernetesFailures.missing(what, region.cluster(), "check traffic.route");
            }
            if (weightIn(current, s, what) != weight) {
              route.edit(
                  r -> {
                    for (HTTPRouteRule rule : r.getSpec().getRules()) {
                      for (HTTPBackendRef ref : rule.getBackendRefs()) {
                        if (ref.getName().equals(s.get("stableBackend"))) {
                          ref.setWeight(100 - weight);
                        } else if (ref.getName().equals(s.get("canaryBackend"))) {
                          ref.setWeight(weight);
                        }
                      }
                    }
                    return r;
                  });
            }
            return weightIn(route.get(), s, what);
          });
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what, region.cluster());
    }
  }

  /** The canary's share in the first rule that holds both backends. */
  private static int weightIn(HTTPRoute route, Map<String, String> s, String what) {
    for (HTTPRouteRule rule : route.getSpec().getRules()) {
      Integer stable = null;
      Integer canary = null;
      for (HTTPBackendRef ref : rule.getBackendRefs()) {
        int w = ref.getWeight() == null ? 1 : ref.getWeight();
        if (ref.getName().equals(s.get("stableBackend"))) {
          stable = w;
        } else if (ref.getName().equals(s.get("canaryBackend"))) {
          canary = w;
        }
      }
      if (stable != null && canary != null) {
        return stable + canary == 0 ? 0 : Math.round(100f * canary / (stable + canary));
      }
    }
    throw ApplicationFailure.newNonRetryableFailure(
        what
            + " has no rule with both backendRefs "
            + s.get("stableBackend")
            + " and "
            + s.get("canaryBackend")
            + "; add the canary backend to the route with weight 0",
        "BackendNotFound");
  }
}
