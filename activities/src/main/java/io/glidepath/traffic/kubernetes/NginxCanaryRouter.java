package io.glidepath.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * NGINX canary Ingress: the second Ingress of the host, marked {@code
 * nginx.ingress.kubernetes.io/canary: "true"}, gets {@code canary-weight} set by a JSON merge patch
 * of that one annotation. (ingress-nginx was retired in March 2026; prefer Gateway API.)
 */
public final class NginxCanaryRouter implements TrafficRouter {
  static final String CANARY = "nginx.ingress.kubernetes.io/canary";
  static final String WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
  private final KubernetesClients clients;

  public NginxCanaryRouter(KubernetesClients clients) {
    this.clients = clients;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.NGINX_CANARY;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    String name = region.traffic().settings().get("canaryIngress");
    String what = "Ingress " + region.namespace() + "/" + name;
    KubernetesClient k8s = clients.forCluster(region.cluster());
    var ingress = k8s.network().v1().ingresses().inNamespace(region.namespace()).withName(name);
    try {
      return KubernetesFailures.rereadOnConflict(
          () -> {
            Ingress current = ingress.get();
            if (current == null) {
              throw KubernetesFailures.missing(
                  what, region.cluster(), "check traffic.canaryIngress");
            }
            Map<String, String> annotations = current.getMetadata().getAnnotations();
            if (annotations == null || !"true".equals(annotations.get(CANARY))) {
              throw ApplicationFailure.newNonRetryableFailure(
                  what + " is not a canary Ingress; annotate it " + CANARY + ": \"true\"",
                  "NotACanaryIngress");
            }
            if (!String.valueOf(weight).equals(annotations.get(WEIGHT))) {
              ingress.patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"metadata\":{\"annotations\":{\"" + WEIGHT + "\":\"" + weight + "\"}}}");
            }
            return Integer.parseInt(ingress.get().getMetadata().getAnnotations().get(WEIGHT));
          });
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what, region.cluster());
    }
  }
}
