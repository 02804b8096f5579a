package io.glidepath.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

/**
 * Blue-green by Service selector: the Service's selector label ({@code selectorLabel}, default
 * {@code version}) takes the value the target Deployment's pod template carries, the canary's for
 * 100% and the stable one's for 0%. A JSON merge patch of that one key keeps every other selector
 * key as it was.
 */
public final class ServiceSelectorRouter implements TrafficRouter {
  private final KubernetesClients clients;

  public ServiceSelectorRouter(KubernetesClients clients) {
    this.clients = clients;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.SERVICE_SELECTOR;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    if (weight != 0 && weight != 100) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a Service selector holds 0% or 100%, not "
              + weight
              + "%; use a weighted traffic type"
              + " for a canary",
          "WeightNotSupported");
    }
    String label = region.traffic().settings().getOrDefault("selectorLabel", "version");
    String serviceName = region.traffic().settings().get("service");
    String ns = region.namespace();
    String what = "Service " + ns + "/" + serviceName;
    KubernetesClient k8s = clients.forCluster(region.cluster());
    try {
      return KubernetesFailures.rereadOnConflict(
          () -> {
            String stable = podLabel(k8s, region, region.deployment().stable(), label);
            String canary = podLabel(k8s, region, region.deployment().canary(), label);
            String wanted = weight == 100 ? canary : stable;
            var service = k8s.services().inNamespace(ns).withName(serviceName);
            Service current = service.get();
            if (current == null) {
              throw KubernetesFailures.missing(what, region.cluster(), "check traffic.service");
            }
            if (!wanted.equals(current.getSpec().getSelector().get(label))) {
              service.patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"spec\":{\"selector\":{\"" + label + "\":\"" + wanted + "\"}}}");
            }
            String now = service.get().getSpec().getSelector().get(label);
            // After a promotion both Deployments carry the same label: the wanted one answers.
            if (now.equals(wanted)) {
              return weight;
            }
            if (now.equals(canary)) {
              return 100;
            }
            if (now.equals(stable)) {
              return 0;
            }
            throw ApplicationFailure.newNonRetryableFailure(
                what
                    + " selects "
                    + label
                    + "="
                    + now
                    + ", neither stable's "
                    + stable
                    + " nor the"
                    + " canary's "
                    + canary,
                "TrafficNotApplied");
          });
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what, region.cluster());
    }
  }

  private static String podLabel(
      KubernetesClient k8s, RegionSpec region, String name, String label) {
    Deployment d = k8s.apps().deployments().inNamespace(region.namespace()).withName(name).get();
    if (d == null) {
      throw KubernetesFailures.missing(
          "Deployment " + region.namespace() + "/" + name,
          region.cluster(),
          "check deployment.stable and deployment.canary");
    }
    String value = d.getSpec().getTemplate().getMetadata().getLabels().get(label);
    if (value == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Deployment "
              + region.namespace()
              + "/"
              + name
              + " has no pod label "
              + label
              + "; set traffic.selectorLabel to the label that tells stable and canary apart",
          "SelectorLabelMissing");
    }
    return value;
  }
}
