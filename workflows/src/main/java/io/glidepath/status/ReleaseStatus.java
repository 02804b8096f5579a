package io.glidepath.status;

import java.util.List;

/**
 * Everything a person needs to see about a release, as the status query returns it.
 *
 * @param feature the flag a flag release moves, or {@code null} for a version release (and in
 *     statuses of releases started before flag releases existed)
 */
public record ReleaseStatus(
    String releaseId,
    String service,
    String version,
    String requestedBy,
    ReleasePhase phase,
    boolean paused,
    List<RegionStatus> regions,
    List<PendingApproval> pendingApprovals,
    List<Decision> timeline,
    String feature) {
  public ReleaseStatus {
    regions = regions == null ? List.of() : List.copyOf(regions);
    pendingApprovals = pendingApprovals == null ? List.of() : List.copyOf(pendingApprovals);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** A status of a version release (no feature flag). */
  public ReleaseStatus(
      String releaseId,
      String service,
      String version,
      String requestedBy,
      ReleasePhase phase,
      boolean paused,
      List<RegionStatus> regions,
      List<PendingApproval> pendingApprovals,
      List<Decision> timeline) {
    this(
        releaseId,
        service,
        version,
        requestedBy,
        phase,
        paused,
        regions,
        pendingApprovals,
        timeline,
        null);
  }

  /** This status with {@code newer} in place of its regions, e.g. as each region reports itself. */
  public ReleaseStatus withRegions(List<RegionStatus> newer) {
    return new ReleaseStatus(
        releaseId,
        service,
        version,
        requestedBy,
        phase,
        paused,
        newer,
        pendingApprovals,
        timeline,
        feature);
  }

  /**
   * What the release moves, as people name it: {@code checkout 2.4.0}, or for a flag release {@code
   * checkout feature new-checkout}.
   */
  public String subject() {
    return service + (feature == null ? " " + version : " feature " + feature);
  }

  /**
   * Where {@code r} stands: {@code 2.4.0 at 25%}, or for a flag release {@code feature new-checkout
   * at 25% of users}.
   */
  public String progress(RegionStatus r) {
    return feature == null
        ? version + " at " + r.weight() + "%"
        : "feature " + feature + " at " + r.weight() + "% of users";
  }
}
