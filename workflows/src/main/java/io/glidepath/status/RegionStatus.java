package io.glidepath.status;

import io.glidepath.analysis.WindowSummary;
import java.util.List;

/**
 * A region's progress, as its workflow reports it.
 *
 * @param stage 1-based stage being shifted or observed (0 before the first)
 * @param stages how many stages the strategy has
 * @param weight percentage of traffic on the new version now
 * @param lastVerdict the last observation window's summary, with measured values
 * @param pendingGate the approval gate the region waits on, or {@code null}
 * @param reason why the region holds, rolled back or failed, else {@code null}
 * @param windowStartMillis when the observation window running now began (workflow time), or 0 when
 *     none runs; absent from regions started before it existed
 * @param windowEndMillis when that window ends, or 0
 */
public record RegionStatus(
    String region,
    RegionPhase phase,
    int stage,
    int stages,
    int weight,
    boolean paused,
    WindowSummary lastVerdict,
    String pendingGate,
    String reason,
    List<Decision> timeline,
    long windowStartMillis,
    long windowEndMillis) {
  /**
   * The signal by which a region reports its progress to its release (the release workflow's {@code
   * regionProgress}); named here, where both workflows can read it.
   */
  public static final String PROGRESS_SIGNAL = "regionProgress";

  public RegionStatus {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** A region that has not started. */
  public static RegionStatus pending(String region, int stages) {
    return new RegionStatus(
        region, RegionPhase.PENDING, 0, stages, 0, false, null, null, null, List.of(), 0, 0);
  }

  /** The same region in another phase, with a reason. */
  public RegionStatus withPhase(RegionPhase next, String why) {
    return new RegionStatus(
        region, next, stage, stages, weight, paused, lastVerdict, null, why, timeline, 0, 0);
  }
}
