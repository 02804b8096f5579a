package io.glidepath.traffic;

import io.glidepath.model.RegionSpec;

/**
 * A desired end state: {@code weight} percent of the region's traffic on the new version, the rest
 * on stable. Absolute, never a delta, so a retry or a replayed compensation is harmless.
 *
 * @param flag for a flagd layer, the rest of the flag's desired state; {@code null} for every other
 *     layer (and in changes recorded before flag releases existed)
 */
public record TrafficChange(
    String releaseId,
    String service,
    String version,
    RegionSpec region,
    int weight,
    FlagStep flag) {

  public TrafficChange(
      String releaseId, String service, String version, RegionSpec region, int weight) {
    this(releaseId, service, version, region, weight, null);
  }
}
