package io.glidepath.region;

import io.glidepath.analysis.WindowSummary;
import io.glidepath.status.Control;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Timeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a region's workflow knows about where it is, in one place: what the status query shows
 * and what signals change. No workflow calls here; the context stamps times.
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

  boolean paused;

  /** Who paused the region last, and why; {@code null} when it runs. */
  Control pausedBy;

  /** Who resumed last. */
  Control resumedBy;

  /** Who resumed a hold that had no verdict; the stage is then theirs to answer for. */
  Control letThroughBy;

  /** The stop of the line in force for this region, or {@code null}. */
  io.glidepath.flow.LineStop lineStop;

  /** A person's request to end the current stage early (or go to 100%), not yet acted on. */
  Promotion advance;

  /** A person asked to go straight to 100% and promotion. */
  boolean fullPromotion;

  final Set<String> approvedGates = new HashSet<>();
  Control rollbackRequest;
  boolean finishRequested;

  final Timeline timeline = new Timeline();

  RegionStatus status(String region, int stages, boolean withTimeline) {
    return new RegionStatus(
        region,
        phase,
        stage,
        stages,
        weight,
        paused,
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
