package io.glidepath.region;

import io.glidepath.analysis.WindowSummary;
import io.glidepath.status.Control;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a region's workflow is, in one place: what the status query shows. The runbook writes it
 * (the workflow thread: {@link RegionContext}, {@link Watch}, the strategies); message handlers
 * only record requests in {@link RegionRequests} and decisions in the timeline. No workflow calls
 * here; the context stamps times.
 */
final class RegionState {
  RegionPhase phase = RegionPhase.PENDING;
  int stage;
  int weight;

  /** Whether the stable Deployment runs the new version (traffic on stable, canary at 0). */
  boolean promoted;

  final List<Integer> weightsPassed = new ArrayList<>();
  WindowSummary lastVerdict;
  String pendingGate;
  String reason;
  long windowStartMillis;

  /** When traffic last shifted (workflow time), for the analysis warm-up; 0 before any shift. */
  long shiftedAtMillis;

  long windowEndMillis;

  /** Whether the runbook holds the region until a person resumes it (a hold, not a pause). */
  boolean holding;

  /** Who resumed a hold that had no verdict; the stage is then theirs to answer for. */
  Control letThroughBy;

  /** A person asked to go straight to 100% and promotion (taken from an advance request). */
  boolean fullPromotion;

  /** What people asked for and the runbook has still to act on: written by the handlers only. */
  final RegionRequests requests = new RegionRequests();

  /** The region's decisions, appended by the runbook and by the handlers as they are made. */
  final Timeline timeline = new Timeline();

  RegionStatus status(String region, int stages, boolean withTimeline) {
    return new RegionStatus(
        region,
        phase,
        stage,
        stages,
        weight,
        holding || requests.paused(),
        lastVerdict,
        pendingGate,
        reason,
        withTimeline ? timeline.entries() : List.of(),
        windowStartMillis,
        windowEndMillis);
  }

  /** Whether the status the parent last heard differs in what it shows. */
  static boolean sameProgress(RegionStatus a, RegionStatus b) {
    return a != null
        && a.phase() == b.phase()
        && a.stage() == b.stage()
        && a.weight() == b.weight()
        && a.paused() == b.paused()
        && java.util.Objects.equals(a.pendingGate(), b.pendingGate());
  }
}
