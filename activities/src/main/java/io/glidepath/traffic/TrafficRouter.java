package io.glidepath.traffic;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.temporal.failure.ApplicationFailure;

/** One traffic layer: sets an absolute share of traffic on the new version and reads it back. */
public interface TrafficRouter {

  /** The traffic type this router serves, as a region's spec names it. */
  TrafficRouterType type();

  /**
   * Puts {@code weight} percent of the region's traffic on the new version and the rest on stable,
   * reads the layer back, and returns the weight it now holds. Idempotent. Fails non-retryable,
   * naming the object and the fix, when the target is missing or the call is forbidden; transient
   * faults are retryable failures.
   */
  int setWeight(RegionSpec region, int weight);

  /**
   * For a feature-flag layer: puts {@code weight} percent of users on the flag's new variant, with
   * the allowlist and promotion {@code step} states, and returns the percentage read back. Other
   * layers have no flag and refuse, non-retryable.
   */
  default int setFlag(RegionSpec region, int weight, FlagStep step) {
    throw ApplicationFailure.newNonRetryableFailure(
        "traffic type " + type().id() + " holds no feature flag; use traffic.type flagd",
        "NotAFlagLayer");
  }
}
