package io.glidepath.model;

import java.time.Duration;

/**
 * How regions follow each other and what a failed region does to the rest.
 *
 * @param delay observation period between regions in {@link RegionMode#DELAYED} mode
 */
public record RolloutPolicy(RegionMode mode, Duration delay, RegionFailurePolicy onRegionFailure) {}
