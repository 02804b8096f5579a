package io.glidepath.status;

import java.util.List;

/** The end of a release: its phase, every region's outcome, and a one-paragraph summary. */
public record ReleaseResult(
    String releaseId, ReleasePhase phase, List<RegionResult> regions, String summary) {
  public ReleaseResult {
    regions = regions == null ? List.of() : List.copyOf(regions);
  }
}
