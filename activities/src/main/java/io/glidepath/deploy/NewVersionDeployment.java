package io.glidepath.deploy;

import static io.glidepath.deploy.PodTemplates.orEmpty;
import static io.glidepath.deploy.PodTemplates.relabel;
import static io.glidepath.deploy.RegionDeployments.RELEASE;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.glidepath.model.TrafficRouterType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The new version's own Deployment (the canary, or blue-green's green): a copy of the stable one
 * with the new name, image and version labels, created or brought to that template.
 */
record NewVersionDeployment(RegionDeployments deployments, RolloutWatch watch) {
  /** Creates or updates the new version's Deployment, then waits for its rollout. */
  void deploy(DeployRequest r) {
    String name = r.region().deployment().canary();
    deployments.call(
        r,
        name,
        () -> {
          Deployment stable =
              deployments.require(r, r.region().deployment().stable(), "check deployment.stable");
          Deployment wanted = from(stable, r);
          var canary = deployments.in(r).withName(name);
          Deployment current = canary.get();
          if (current != null
              && !current.getSpec().getSelector().equals(wanted.getSpec().getSelector())) {
            // The selector is immutable: a canary left from another version is replaced.
            canary.delete();
            current = null;
          }
          if (current == null) {
            deployments.in(r).resource(wanted).create();
          } else {
            canary.edit(
                d -> {
                  d.getMetadata().setLabels(wanted.getMetadata().getLabels());
                  d.getMetadata().getAnnotations().put(RELEASE, r.releaseId());
                  d.setSpec(wanted.getSpec());
                  return d;
                });
          }
          return null;
        });
    watch.await(r, name);
  }

  /** The stable Deployment's copy for the new version: new name, image and version labels. */
  private static Deployment from(Deployment stable, DeployRequest r) {
    Deployment d = new DeploymentBuilder(stable).withStatus(null).build();
    var meta = d.getMetadata();
    Map<String, String> labels = new LinkedHashMap<>(orEmpty(meta.getLabels()));
    relabel(labels, r, true);
    d.setMetadata(
        new ObjectMetaBuilder()
            .withName(r.region().deployment().canary())
            .withNamespace(r.region().namespace())
            .withLabels(labels)
            .withAnnotations(Map.of(RELEASE, r.releaseId()))
            .build());
    Map<String, String> selector = new LinkedHashMap<>(d.getSpec().getSelector().getMatchLabels());
    relabel(selector, r, true);
    d.getSpec().getSelector().setMatchLabels(selector);
    Map<String, String> podLabels =
        new LinkedHashMap<>(orEmpty(d.getSpec().getTemplate().getMetadata().getLabels()));
    relabel(podLabels, r, true);
    d.getSpec().getTemplate().getMetadata().setLabels(podLabels);
    PodTemplates.container(d, r).setImage(r.image());
    if (r.region().traffic().type() == TrafficRouterType.REPLICA_RATIO) {
      d.getSpec().setReplicas(0); // the router gives it pods as it gives it traffic
    }
    return d;
  }
}
