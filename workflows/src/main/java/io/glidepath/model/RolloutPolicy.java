package io.glidepath.model;

import java.time.Duration;

/**
 * How regions follow each other and what a failed region does to the rest.
 *
 * @param delay observation period between regions in {@link RegionMode#DELAYED} mode
 * @param maxDelay the spec's deliberate widening of the longest {@code delay} it may ask for (from
 *     4h up to {@link Defaults#MAX_WIDENED_DELAY}), or null for the default range
 */
public record RolloutPolicy(
    RegionMode mode, Duration delay, RegionFailurePolicy onRegionFailure, Duration maxDelay) {
  public RolloutPolicy(RegionMode mode, Duration delay, RegionFailurePolicy onRegionFailure) {
    this(mode, delay, onRegionFailure, null);
  }

  /** The longest delay this spec accepts: 4h unless it widened the range. */
  public Duration delayCeiling() {
    return maxDelay == null ? Defaults.MAX_DELAY : maxDelay;
  }
}
