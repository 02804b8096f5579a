package io.glidepath.traffic;

import io.glidepath.model.RegionSpec;

/**
 * A desired end state: {@code weight} percent of the region's traffic on the new version, the rest
 * on stable. Absolute, never a delta, so a retry or a replayed compensation is harmless.
 */
public record TrafficChange(
    String releaseId, String service, String version, RegionSpec region, int weight) {}
