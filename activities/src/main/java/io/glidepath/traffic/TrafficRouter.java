package io.glidepath.traffic;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;

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
}
