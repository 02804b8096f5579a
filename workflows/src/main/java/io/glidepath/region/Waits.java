package io.glidepath.region;

import io.glidepath.flow.Escalator;
import io.glidepath.model.Quantities;
import io.glidepath.model.ScheduleSpec;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.notify.EventType;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.GateId;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a region waits for before it moves on, watched all the while at its current weight (so a
 * breach or a person's rollback still acts): its time (a stage's calendar time, deploy windows,
 * freezes), the line when it is stopped, and approval gates.
 */
final class Waits {
  private final RegionContext ctx;
  private final RegionState state;
  private final Watch watch;

  Waits(RegionContext ctx, Watch watch) {
    this.ctx = ctx;
    this.state = ctx.state;
    this.watch = watch;
  }

  /**
   * Waits, watched at the current weight with {@code watchWith}, until the next traffic increase is
   * allowed: at the stage's calendar time {@code at} (if any), inside a deploy window and outside
   * every freeze. Returns at once when the schedule allows it now. A breach or a rollback request
   * still acts while it waits: only increases wait.
   */
  void awaitTurn(String at, Map<String, Double> watchWith) {
    awaitLine(watchWith);
    ScheduleSpec schedule = ctx.spec.schedule();
    if (at == null && schedule.windows().isEmpty() && schedule.freezes().isEmpty()) {
      return;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Instant target = at == null ? now : schedule.nextAt(at, now);
    while (true) {
      now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      Instant open = schedule.nextOpening(target.isAfter(now) ? target : now);
      if (open != null && !open.isAfter(now)) {
        return;
      }
      if (open == null) {
        watch.hold("no deploy window opens outside the freezes within a year", watchWith, false);
        return;
      }
      String why =
          (target.isAfter(now) && !open.isAfter(target)
                  ? "stage " + (state.stage) + " is set for " + at + " " + schedule.zone()
                  : "waits for " + schedule.why(now.isBefore(target) ? target : now, open))
              + " until "
              + schedule.format(open);
      ctx.decide(DecisionKind.WAITING_FOR_WINDOW, "waiting for its time", why);
      ctx.enter(RegionPhase.WAITING_FOR_WINDOW, why);
      watch.waitWatched(watchWith, () -> false, Duration.between(now, open), Escalator.none());
    }
  }

  /** While the line is stopped, waits watched at the current weight until it moves again. */
  private void awaitLine(Map<String, Double> watchWith) {
    while (state.requests.lineStop() != null) {
      String why = "the line is stopped: " + state.requests.lineStop().describe();
      ctx.decide(DecisionKind.WAITING_FOR_WINDOW, "waiting for the line", why);
      ctx.enter(RegionPhase.WAITING_FOR_WINDOW, why);
      ctx.notify(EventType.ATTENTION, "holding at " + state.weight + "%: " + why, null);
      watch.waitWatched(
          watchWith, () -> state.requests.lineStop() == null, null, ctx.escalator(why));
    }
  }

  /**
   * Waits for {@code gate}'s approval, watched with {@code watchWith} when traffic is already on
   * the new version; on timeout the spec's {@code onTimeout} decides.
   */
  void awaitGate(GateId gate, Map<String, Double> watchWith) {
    Duration timeout = ctx.spec.approval().timeout();
    String id = gate.toString();
    state.pendingGate = id;
    ctx.enter(RegionPhase.AWAITING_APPROVAL, null);
    ctx.notifyGate(
        id, "approval needed for gate " + id + " (" + Quantities.format(timeout) + " to decide)");
    BooleanSupplier approved = () -> state.requests.approved(id);
    boolean decided =
        watch.waitWatched(
            watchWith, approved, timeout, ctx.escalator("gate " + id + " waits for approval"));
    watch.rollbackIfRequested();
    state.pendingGate = null;
    if (decided) {
      ctx.decide(DecisionKind.GATE_APPROVED, "gate approved", id);
      return;
    }
    String why = "approval gate " + id + " timed out after " + Quantities.format(timeout);
    if (ctx.spec.approval().onTimeout() == TimeoutOutcome.ABORT) {
      throw new RegionRollback(
          RegionOutcome.ABORTED,
          ReleaseEvent.Cause.TIMEOUT,
          RegionContext.SYSTEM,
          why,
          state.lastVerdict);
    }
    ctx.decide(
        DecisionKind.GATE_TIMED_OUT, "gate timed out, proceeding", why + " (onTimeout: proceed)");
  }
}
