package io.glidepath.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glidepath.model.Images;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/**
 * What a release reads and writes in a Deployment's pod template: the container whose image
 * changes, and the labels that carry the version and the track.
 */
final class PodTemplates {
  /** Template labels that carry the version; the first one present is rewritten. */
  static final List<String> VERSION_LABELS = List.of("version", "app.kubernetes.io/version");

  /**
   * The label that tells a stable Deployment's pods from the new version's when both select on the
   * same app: the new version's Deployment gets {@code canary} in it.
   */
  static final String TRACK_LABEL = "track";

  private PodTemplates() {}

  /** The container whose image changes: the one the spec names, or the first. */
  static Container container(Deployment d, DeployRequest r) {
    return container(d.getSpec().getTemplate(), r, d.getMetadata().getName());
  }

  static Container container(PodTemplateSpec t, DeployRequest r) {
    return container(t, r, r.region().deployment().stable());
  }

  private static Container container(PodTemplateSpec t, DeployRequest r, String deployment) {
    List<Container> containers = t.getSpec().getContainers();
    String wanted = r.region().deployment().container();
    if (wanted == null) {
      return containers.get(0);
    }
    return containers.stream()
        .filter(c -> c.getName().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    RegionDeployments.what(r, deployment)
                        + " has no container "
                        + wanted
                        + " (it has "
                        + containers.stream().map(Container::getName).toList()
                        + "); fix deployment.container",
                    "NotFound"));
  }

  /**
   * Writes the new version into the first version label present (adding {@code version} when none
   * is) and, for the new version's own Deployment, {@code canary} into the track label.
   */
  static void relabel(Map<String, String> labels, DeployRequest r, boolean canary) {
    if (canary && labels.containsKey(TRACK_LABEL)) {
      labels.put(TRACK_LABEL, "canary");
    }
    for (String key : VERSION_LABELS) {
      if (labels.containsKey(key)) {
        labels.put(key, r.version());
        return;
      }
    }
    labels.put(VERSION_LABELS.get(0), r.version());
  }

  /** The version a Deployment runs: its version label, else its image tag. */
  static String versionOf(Deployment d, DeployRequest r) {
    Map<String, String> labels = orEmpty(d.getSpec().getTemplate().getMetadata().getLabels());
    for (String key : VERSION_LABELS) {
      if (labels.containsKey(key)) {
        return labels.get(key);
      }
    }
    String image = container(d, r).getImage();
    String tag = Images.tag(image);
    return tag == null ? image : tag;
  }

  static PodTemplateSpec copy(PodTemplateSpec t) {
    return Serialization.unmarshal(Serialization.asJson(t), PodTemplateSpec.class);
  }

  static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
