package io.glidepath.hooks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs a release's hooks: Kubernetes Jobs in the region's cluster, or HTTP calls. */
@ActivityInterface
public interface HookActivities {

  /**
   * Runs the hook's action and waits for it: creates the Job named in the request unless it exists
   * (a retry or a resumed worker waits for the one already there), heartbeating until it succeeds;
   * or calls the URL that the secret named by the action holds. Fails non-retryably, with the Job's
   * last log lines or the HTTP status, when the step failed. Returns a one-line account of what
   * ran.
   */
  @ActivityMethod(name = "RunHook")
  String run(HookRequest request);
}
