package io.glidepath.status;

import java.util.List;
import java.util.Map;

/**
 * The end of a release: its phase, every region's outcome, and a one-paragraph summary.
 *
 * @param before per region, what served before this release (found by its preflight); empty in
 *     releases that ended before it existed. {@code release revert} releases it again.
 */
public record ReleaseResult(
    String releaseId,
    ReleasePhase phase,
    List<RegionResult> regions,
    String summary,
    Map<String, Baseline> before) {
  public ReleaseResult {
    regions = regions == null ? List.of() : List.copyOf(regions);
    before = before == null ? Map.of() : Map.copyOf(before);
  }

  /**
   * The version and image a region served before the release, and its values at the metric
   * preflight (empty without one).
   */
  public record Baseline(
      String version, String image, List<io.glidepath.analysis.QueryVerdict> checks) {
    public Baseline {
      checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public Baseline(String version, String image) {
      this(version, image, List.of());
    }

    /** The same baseline with the values the metric preflight measured. */
    public Baseline withChecks(List<io.glidepath.analysis.QueryVerdict> measured) {
      return new Baseline(version, image, measured);
    }
  }
}
