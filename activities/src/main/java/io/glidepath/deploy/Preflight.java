package io.glidepath.deploy;

import static io.glidepath.deploy.PodTemplates.VERSION_LABELS;
import static io.glidepath.deploy.PodTemplates.container;
import static io.glidepath.deploy.PodTemplates.orEmpty;
import static io.glidepath.deploy.RegionDeployments.what;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.glidepath.kubernetes.Rollout;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * Checks before a region's release that its stable Deployment can be released over: it exists, is
 * healthy, has the named container, and does not pin its version in its selector.
 */
final class Preflight {
  private final RegionDeployments deployments;

  Preflight(RegionDeployments deployments) {
    this.deployments = deployments;
  }

  PreflightReport check(DeployRequest r) {
    Deployment stable =
        deployments.require(r, r.region().deployment().stable(), "check deployment.stable");
    container(stable, r);
    pinnedVersion(stable, r);
    Rollout status = Rollout.of(stable);
    if (!status.complete() || status.desired() == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          what(r, r.region().deployment().stable())
              + " is not healthy ("
              + status.describe()
              + "); fix the stable version before releasing over it",
          "StableUnhealthy");
    }
    return new PreflightReport(
        r.region().name(),
        PodTemplates.versionOf(stable, r),
        status.available(),
        status.desired(),
        container(stable, r).getImage());
  }

  /**
   * Refuses a stable Deployment whose selector pins the version: its selector cannot change, so it
   * could never run (be promoted to) another version.
   */
  private static void pinnedVersion(Deployment stable, DeployRequest r) {
    Map<String, String> selector = orEmpty(stable.getSpec().getSelector().getMatchLabels());
    for (String key : VERSION_LABELS) {
      if (selector.containsKey(key)) {
        throw ApplicationFailure.newNonRetryableFailure(
            what(r, r.region().deployment().stable())
                + " selects its pods by "
                + key
                + "="
                + selector.get(key)
                + ", so it can never run another version (a Deployment's selector cannot change);"
                + " select on the app and a track label instead (track: stable), see"
                + " docs/providers/kubernetes.md",
            "StableSelectorPinsVersion");
      }
    }
  }
}
