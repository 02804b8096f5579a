package io.glidepath.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;

/**
 * For clusters without a traffic layer: the share of pods is the share of traffic. {@code
 * totalReplicas} (default: the stable Deployment's replicas plus the canary's) are split between
 * the two Deployments by scaling each to its count; it returns the share the pods really give.
 */
public final class ReplicaRatioRouter implements TrafficRouter {
  private final KubernetesClients clients;

  public ReplicaRatioRouter(KubernetesClients clients) {
    this.clients = clients;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.REPLICA_RATIO;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    KubernetesClient k8s = clients.forCluster(region.cluster());
    String ns = region.namespace();
    var deployments = k8s.apps().deployments().inNamespace(ns);
    String stableName = region.deployment().stable();
    String canaryName = region.deployment().canary();
    try {
      return KubernetesFailures.rereadOnConflict(
          () -> {
            Deployment stable = deployments.withName(stableName).get();
            Deployment canary = deployments.withName(canaryName).get();
            if (stable == null || canary == null) {
              throw KubernetesFailures.missing(
                  "Deployment " + ns + "/" + (stable == null ? stableName : canaryName),
                  region.cluster(),
                  "check deployment.stable and deployment.canary");
            }
            String configured = region.traffic().settings().get("totalReplicas");
            int total =
                configured != null
                    ? Integer.parseInt(configured)
                    : replicas(stable) + replicas(canary);
            int canaryPods = (int) Math.round(total * weight / 100.0);
            if ((weight > 0 && canaryPods == 0) || (weight < 100 && canaryPods == total)) {
              throw ApplicationFailure.newNonRetryableFailure(
                  total
                      + " replicas cannot hold "
                      + weight
                      + "% on the new version; raise"
                      + " traffic.totalReplicas or use a weighted traffic layer",
                  "WeightNotSupported");
            }
            deployments.withName(canaryName).scale(canaryPods);
            deployments.withName(stableName).scale(total - canaryPods);
            int held = replicas(deployments.withName(canaryName).get());
            int all = held + replicas(deployments.withName(stableName).get());
            return all == 0 ? 0 : (int) Math.round(100.0 * held / all);
          });
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(
          e, "Deployments " + ns + "/" + stableName + " and " + canaryName, region.cluster());
    }
  }

  private static int replicas(Deployment d) {
    Integer r = d.getSpec().getReplicas();
    return r == null ? 1 : r;
  }
}
