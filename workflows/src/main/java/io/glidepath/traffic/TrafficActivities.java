package io.glidepath.traffic;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Moves a region's traffic between the stable and the new version. */
@ActivityInterface
public interface TrafficActivities {

  /**
   * Sets the share of the region's traffic on the new version to {@code change.weight()} percent
   * through the region's router, reads it back and verifies it. Idempotent: calling it twice with
   * the same weight leaves the same state. A missing object or a forbidden call fails as
   * non-retryable with a message that names the object and the fix; timeouts, 5xx and conflicts are
   * retried by the caller's retry options.
   *
   * @return the weight read back from the traffic layer
   */
  @ActivityMethod(name = "SetTrafficWeight")
  TrafficState setWeight(TrafficChange change);
}
