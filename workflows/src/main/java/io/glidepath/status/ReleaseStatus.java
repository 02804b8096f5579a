package io.glidepath.status;

import java.util.List;

/** Everything a person needs to see about a release, as the status query returns it. */
public record ReleaseStatus(
    String releaseId,
    String service,
    String version,
    String requestedBy,
    ReleasePhase phase,
    boolean paused,
    List<RegionStatus> regions,
    List<PendingApproval> pendingApprovals,
    List<Decision> timeline) {
  public ReleaseStatus {
    regions = regions == null ? List.of() : List.copyOf(regions);
    pendingApprovals = pendingApprovals == null ? List.of() : List.copyOf(pendingApprovals);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** This status with {@code newer} in place of its regions, e.g. as each region reports itself. */
  public ReleaseStatus withRegions(List<RegionStatus> newer) {
    return new ReleaseStatus(
        releaseId, service, version, requestedBy, phase, paused, newer, pendingApprovals, timeline);
  }
}
