package io.glidepath.deploy;

import static io.glidepath.deploy.PodTemplates.container;
import static io.glidepath.deploy.RegionDeployments.RELEASE;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Changes to the stable Deployment's template and their undo: promotion (the new version's template
 * onto stable), a rolling update in place, and restoring the template kept before either.
 */
record StableTemplate(RegionDeployments deployments, RolloutWatch watch) {
  /** The annotation holding the stable template as it was before a release replaced it. */
  static final String PREVIOUS_TEMPLATE = "glidepath.io/previous-template";

  /** Gives stable the new version's template. */
  void promote(DeployRequest r) {
    replace(
        r,
        stable -> {
          Deployment canary =
              deployments.require(r, r.region().deployment().canary(), "run the deploy step first");
          return PodTemplates.copy(canary.getSpec().getTemplate());
        },
        d -> {});
  }

  /** Rolls stable itself to the new image, with the request's surge limits when it has them. */
  void rollingUpdate(DeployRequest r) {
    replace(
        r,
        stable -> {
          PodTemplateSpec t = PodTemplates.copy(stable.getSpec().getTemplate());
          PodTemplates.relabel(t.getMetadata().getLabels(), r, false);
          container(t, r).setImage(r.image());
          return t;
        },
        d -> {
          if (r.maxSurge() != null || r.maxUnavailable() != null) {
            d.getSpec()
                .setStrategy(
                    new DeploymentStrategy(
                        new RollingUpdateDeploymentBuilder()
                            .withMaxSurge(intOrPercent(r.maxSurge()))
                            .withMaxUnavailable(intOrPercent(r.maxUnavailable()))
                            .build(),
                        "RollingUpdate"));
          }
        });
  }

  /** Puts back the template stable had before this release, if it was replaced and not yet. */
  void restore(DeployRequest r) {
    String name = r.region().deployment().stable();
    boolean undone =
        deployments.call(
            r,
            name,
            () -> {
              Deployment current = deployments.require(r, name, "check deployment.stable");
              String previous = current.getMetadata().getAnnotations().get(PREVIOUS_TEMPLATE);
              if (previous == null || !r.image().equals(container(current, r).getImage())) {
                return false; // never applied, or already undone
              }
              PodTemplateSpec template = Serialization.unmarshal(previous, PodTemplateSpec.class);
              deployments
                  .in(r)
                  .withName(name)
                  .edit(
                      d -> {
                        d.getSpec().setTemplate(template);
                        d.getMetadata().getAnnotations().remove(PREVIOUS_TEMPLATE);
                        return d;
                      });
              return true;
            });
    if (undone) {
      watch.await(r, name);
    }
  }

  /**
   * Gives the stable Deployment the template {@code wanted} builds from it, keeping the labels its
   * selector pins (a Deployment's selector is immutable) and its previous template in an annotation
   * for {@link #restore}; then waits for the rollout. A repeat after the template landed only
   * waits, so a retry or a resumed promotion never overwrites the previous template.
   */
  private void replace(
      DeployRequest r,
      Function<Deployment, PodTemplateSpec> wanted,
      Consumer<Deployment> alsoOnStable) {
    String name = r.region().deployment().stable();
    deployments.call(
        r,
        name,
        () -> {
          Deployment current = deployments.require(r, name, "check deployment.stable");
          if (r.image().equals(container(current, r).getImage())) {
            return null; // already updated: a repeat, or a retry after the patch landed
          }
          String previous = Serialization.asJson(current.getSpec().getTemplate());
          PodTemplateSpec template = wanted.apply(current);
          Map<String, String> labels =
              new LinkedHashMap<>(PodTemplates.orEmpty(template.getMetadata().getLabels()));
          labels.putAll(current.getSpec().getSelector().getMatchLabels());
          template.getMetadata().setLabels(labels);
          deployments
              .in(r)
              .withName(name)
              .edit(
                  d -> {
                    d.getMetadata().getAnnotations().put(PREVIOUS_TEMPLATE, previous);
                    d.getMetadata().getAnnotations().put(RELEASE, r.releaseId());
                    d.getSpec().setTemplate(template);
                    alsoOnStable.accept(d);
                    return d;
                  });
          return null;
        });
    watch.await(r, name);
  }

  private static IntOrString intOrPercent(String value) {
    if (value == null) {
      return null;
    }
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }
}
