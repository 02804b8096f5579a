package io.glidepath.deploy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Puts a new version beside the stable one, checks it, and cleans up after a release. */
@ActivityInterface
public interface DeploymentActivities {

  /**
   * Checks the region before anything moves: the stable Deployment exists and is healthy. Fails
   * non-retryable, naming the object, when it is missing or unhealthy.
   */
  @ActivityMethod(name = "Preflight")
  PreflightReport preflight(DeployRequest request);

  /**
   * Creates or updates the new version's Deployment from the stable one's template with the new
   * image and version labels, and waits until its rollout is complete (observedGeneration,
   * updatedReplicas, availableReplicas and replicas agree), heartbeating its progress.
   */
  @ActivityMethod(name = "DeployNewVersion")
  void deployNew(DeployRequest request);

  /**
   * Checks once that the new version is healthy: pods ready, none crash-looping, every smoke URL
   * answering 200. Fails retryable when it is not healthy yet, so the caller's retry options set
   * the number of tries and the interval between them.
   */
  @ActivityMethod(name = "VerifyNewVersion")
  void verifyHealthy(DeployRequest request);

  /** Scales the new version's Deployment to zero. Idempotent; used by compensation. */
  @ActivityMethod(name = "ScaleDownNewVersion")
  void scaleDownNew(DeployRequest request);

  /** Retires the old version after a successful release (scales its Deployment to zero). */
  @ActivityMethod(name = "RetireOldVersion")
  void retireStable(DeployRequest request);

  /**
   * Updates the stable Deployment in place to the new image with the request's surge limits, and
   * waits for the rollout to complete, heartbeating its progress.
   */
  @ActivityMethod(name = "RollingUpdate")
  void rollingUpdate(DeployRequest request);

  /** Puts the Deployment's previous template back after a failed rolling update. Idempotent. */
  @ActivityMethod(name = "UndoRollingUpdate")
  void undoRollingUpdate(DeployRequest request);

  /**
   * Promotes the new version: the stable Deployment takes the new version's pod template (image,
   * version labels, everything it runs with; labels the stable selector pins keep their values),
   * keeps its previous template in an annotation for {@link #restoreStable}, and waits for its
   * rollout to complete, heartbeating. A repeat after the template landed only waits.
   */
  @ActivityMethod(name = "PromoteToStable")
  void promote(DeployRequest request);

  /**
   * Undoes {@link #promote}: the stable Deployment takes back the template it ran before and
   * finishes its rollout. A no-op when the stable Deployment does not run the new version.
   */
  @ActivityMethod(name = "RestoreStableTemplate")
  void restoreStable(DeployRequest request);
}
