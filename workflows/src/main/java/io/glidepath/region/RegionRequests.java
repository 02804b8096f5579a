package io.glidepath.region;

import io.glidepath.flow.LineStop;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.Promotion;
import java.util.HashSet;
import java.util.Set;

/**
 * What people (and the release) asked of a region and the runbook has still to act on. Only the
 * region's message handlers record requests here, and only through these methods; the runbook reads
 * them and applies them at its own points ({@link Watch}, the strategies), so a signal never moves
 * the region by itself. No workflow calls here.
 */
final class RegionRequests {
  private boolean paused;
  private Control pausedBy;
  private Control resumedBy;
  private int resumes;
  private LineStop lineStop;
  private Promotion advance;
  private final Set<String> approvedGates = new HashSet<>();
  private Control rollback;
  private boolean finish;

  void pause(Control c) {
    paused = true;
    pausedBy = c;
  }

  void resume(Control c) {
    paused = false;
    resumedBy = c;
    resumes++;
  }

  /** The first rollback asked for is the one acted on. */
  void rollback(Control c) {
    if (rollback == null) {
      rollback = Bounded.control(c);
    }
  }

  /** The first request to advance is kept until the runbook takes it. */
  void advance(Promotion p) {
    if (advance == null) {
      advance =
          new Promotion(
              Bounded.text(p.by(), Bounded.MAX_NAME),
              Bounded.text(p.reason(), Bounded.MAX_TEXT),
              p.region(),
              p.full(),
              Bounded.text(p.identity(), Bounded.MAX_NAME));
    }
  }

  void lineStopped(LineStop stop) {
    lineStop = stop;
  }

  void lineResumed() {
    lineStop = null;
  }

  void approve(String gateId) {
    approvedGates.add(gateId);
  }

  void finish() {
    finish = true;
  }

  /** Whether a person paused the region and nobody resumed it since. */
  boolean paused() {
    return paused;
  }

  /** Who paused last, and why; {@code null} before anyone did. */
  Control pausedBy() {
    return pausedBy;
  }

  /** Who resumed last; {@code null} before anyone did. */
  Control resumedBy() {
    return resumedBy;
  }

  /** How many times a person resumed the region: a hold ends at the first resume after it began. */
  int resumes() {
    return resumes;
  }

  /** The stop of the line in force for this region, or {@code null}. */
  LineStop lineStop() {
    return lineStop;
  }

  boolean approved(String gateId) {
    return approvedGates.contains(gateId);
  }

  /** A person's rollback, or {@code null}. */
  Control rollbackRequest() {
    return rollback;
  }

  boolean finishRequested() {
    return finish;
  }

  boolean advanceRequested() {
    return advance != null;
  }

  /** The request to end the stage early (or go to 100%), handed to the runbook once; or null. */
  Promotion takeAdvance() {
    Promotion p = advance;
    advance = null;
    return p;
  }
}
