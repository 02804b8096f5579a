package io.glidepath.region;

import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.flow.Deadlines;
import io.glidepath.flow.Escalator;
import io.glidepath.flow.Failures;
import io.glidepath.flow.Timers;
import io.glidepath.model.Quantities;
import io.glidepath.notify.EventType;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.slo.BurnChecks;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Watching a region: observation windows (a durable timer plus one heartbeating check activity) and
 * holds, with {@link VerdictPolicy} deciding what each window leads to, and the requests a person
 * makes while it watches (advance, roll back). What a region waits for before it moves on is in
 * {@link Waits}.
 */
final class Watch {
  private final RegionContext ctx;
  private final RegionState state;

  Watch(RegionContext ctx) {
    this.ctx = ctx;
    this.state = ctx.state;
  }

  /**
   * Observes {@code hold} in windows of at most maxWindow and applies the spec's policies; a
   * person's promotion ends it early.
   */
  void observe(Duration hold, Map<String, Double> thresholds) {
    Duration remaining = hold;
    while (remaining.compareTo(Duration.ZERO) > 0) {
      Duration w = min(remaining, ctx.spec.analysis().maxWindow());
      ctx.enter(RegionPhase.OBSERVING, null);
      WindowSummary s =
          window(
              w,
              thresholds,
              () -> state.requests.advanceRequested(),
              x -> VerdictPolicy.decide(x, ctx.spec.analysis()) != VerdictPolicy.Action.PASS);
      if (s == null) {
        return; // a person promoted: this hold ends here, and the strategy records who
      }
      state.lastVerdict = s;
      switch (VerdictPolicy.decide(s, ctx.spec.analysis())) {
        case PASS -> {}
        case ROLL_BACK -> throw rollback(VerdictPolicy.why(s), s);
        case PROCEED_WITH_ALERT -> {
          String why = VerdictPolicy.why(s);
          ctx.decide(
              DecisionKind.PROCEEDED_WITHOUT_VERDICT,
              "proceeding without a verdict",
              why + " (policy: proceed)");
          ctx.notify(EventType.ATTENTION, "proceeding: " + why, s);
        }
        case HOLD -> hold(VerdictPolicy.why(s), thresholds, true);
      }
      remaining = remaining.minus(w);
    }
  }

  /**
   * Holds at the current weight, still watched, until a person resumes. When the hold had no
   * verdict, the person who resumes answers for the stage.
   */
  void hold(String why, Map<String, Double> thresholds, boolean withoutVerdict) {
    state.holding = true;
    int resumes = state.requests.resumes();
    ctx.decide(DecisionKind.HOLDING, "holding", why);
    ctx.enter(RegionPhase.HOLDING, why);
    ctx.notify(
        EventType.ATTENTION,
        RegionText.holding(ctx.spec, ctx.region.name(), state.weight, why),
        state.lastVerdict);
    waitWatched(
        thresholds,
        () -> state.requests.resumes() > resumes,
        null,
        ctx.escalator("holding at " + state.weight + "%: " + why));
    state.holding = false;
    Control resumedBy = state.requests.resumedBy();
    if (withoutVerdict && state.letThroughBy == null && resumedBy != null) {
      state.letThroughBy = new Control(resumedBy.by(), why, null, resumedBy.identity());
    }
    ctx.enter(RegionPhase.OBSERVING, null);
  }

  /**
   * Watches windows until {@code until} holds or {@code limit} passes (no limit when {@code null});
   * a window whose policy says roll back rolls back. Returns whether {@code until} became true.
   */
  boolean watchUntil(Map<String, Double> thresholds, BooleanSupplier until, Duration limit) {
    return watchUntil(thresholds, until, limit, null);
  }

  /** {@link #watchUntil}, sending {@code escalator}'s escalations as they fall due. */
  boolean watchUntil(
      Map<String, Double> thresholds, BooleanSupplier until, Duration limit, Escalator escalator) {
    long deadline =
        limit == null ? Long.MAX_VALUE : Deadlines.after(Workflow.currentTimeMillis(), limit);
    boolean alerted = false;
    while (!until.getAsBoolean()) {
      long now = Workflow.currentTimeMillis();
      if (escalator != null) {
        escalator.fireDue(now);
      }
      long left = deadline - now;
      if (left <= 0) {
        return false;
      }
      Duration w = min(Duration.ofMillis(left), ctx.spec.analysis().maxWindow());
      Duration next = escalator == null ? null : escalator.untilNext(now);
      if (next != null && next.compareTo(Duration.ZERO) > 0) {
        w = min(w, next);
      }
      WindowSummary s = window(w, thresholds, until, this::rollsBack);
      if (s == null) {
        continue;
      }
      state.lastVerdict = s;
      if (rollsBack(s)) {
        throw rollback(VerdictPolicy.why(s), s);
      }
      if (s.verdict() != Verdict.PASS && !alerted) {
        ctx.notify(EventType.ATTENTION, s.reason(), s);
      }
      alerted = s.verdict() != Verdict.PASS;
    }
    return true;
  }

  private boolean rollsBack(WindowSummary s) {
    return VerdictPolicy.decide(s, ctx.spec.analysis()) == VerdictPolicy.Action.ROLL_BACK;
  }

  /**
   * One observation window. Returns the summary once the timer fired, or at once when {@code
   * endsEarly} accepts the activity's summary, or {@code null} when {@code until} became true
   * first.
   */
  private WindowSummary window(
      Duration length,
      Map<String, Double> thresholds,
      BooleanSupplier until,
      java.util.function.Predicate<WindowSummary> endsEarly) {
    ObservationRequest unshifted =
        ObservationRequest.of(
            Workflow.getInfo().getWorkflowId(),
            ctx.spec,
            ctx.region.name(),
            ctx.request.stableVersion(),
            thresholds,
            length);
    // Releases started before windows checked the fast burn observe as they did.
    if (ctx.spec.slo() != null
        && Workflow.getVersion(BurnChecks.VERSION, Workflow.DEFAULT_VERSION, 1) == 1) {
      unshifted = unshifted.withChecks(BurnChecks.checks(ctx.spec, ctx.region.name()));
    }
    // The warm-up after the last traffic shift: the activity does not judge it.
    ObservationRequest req =
        state.shiftedAtMillis > 0 ? unshifted.shiftedAt(state.shiftedAtMillis) : unshifted;
    String where =
        ctx.region.name()
            + " stage "
            + state.stage
            + " at "
            + state.weight
            + "% for "
            + Quantities.format(length);
    state.windowStartMillis = Workflow.currentTimeMillis();
    state.windowEndMillis = Deadlines.after(state.windowStartMillis, length);
    try {
      List<Promise<WindowSummary>> running = new ArrayList<>(1);
      CancellationScope checksScope =
          Workflow.newCancellationScope(
              () -> running.add(Async.function(ctx.analysis("observe " + where)::observe, req)));
      checksScope.run();
      Promise<WindowSummary> checks = running.get(0);
      // A window that ends early leaves its timer to fire unheard (see Timers).
      Promise<Void> timer = Timers.start(length, "window " + where);
      Workflow.await(
          () ->
              state.requests.rollbackRequest() != null
                  || until.getAsBoolean()
                  || (checks.isCompleted()
                      && (timer.isCompleted() || endsEarly.test(summary(checks)))));
      boolean checked = checks.isCompleted();
      if (!checked) {
        checksScope.cancel();
      }
      rollbackIfRequested();
      if (!checked || (!timer.isCompleted() && !endsEarly.test(summary(checks)))) {
        return null;
      }
      return summary(checks);
    } finally {
      state.windowStartMillis = 0;
      state.windowEndMillis = 0;
    }
  }

  /** The activity's summary; an analysis that failed outright is a provider error. */
  private static WindowSummary summary(Promise<WindowSummary> checks) {
    if (checks.getFailure() == null) {
      return checks.get();
    }
    return new WindowSummary(
        Verdict.ERROR,
        0,
        0,
        0,
        0,
        1,
        List.of(),
        "analysis failed: " + Failures.describe(checks.getFailure()));
  }

  /**
   * Waits until {@code until} holds or {@code limit} passes (no limit when {@code null}),
   * escalating as {@code escalator} says. With traffic on the new version it watches with {@code
   * thresholds}, so a breach still rolls back; at 0% nothing serves the new version, so there is
   * nothing to watch and only a person's rollback ends the wait early. Returns whether {@code
   * until} held (or, at 0%, a rollback was asked for, which this then throws).
   */
  boolean waitWatched(
      Map<String, Double> thresholds, BooleanSupplier until, Duration limit, Escalator escalator) {
    if (state.weight > 0) {
      return watchUntil(thresholds, until, limit, escalator);
    }
    boolean done =
        escalator.await(
            limit, () -> until.getAsBoolean() || state.requests.rollbackRequest() != null);
    rollbackIfRequested();
    return done;
  }

  /**
   * Records a person's promotion that ended the observation just run, if any; returns whether one
   * did.
   */
  boolean promotedEarly() {
    Promotion p = state.requests.takeAdvance();
    if (p == null) {
      return false;
    }
    state.fullPromotion |= p.full();
    String what =
        p.full()
            ? "advanced to 100% by " + p.by()
            : "stage " + state.stage + " ended early by " + p.by();
    ctx.decide(
        DecisionKind.PROMOTED_EARLY,
        new Control(p.by(), null, null, p.identity()),
        what,
        p.reason());
    ctx.notify(EventType.STAGE_PASSED, what + ": " + p.reason(), state.lastVerdict);
    return true;
  }

  void rollbackIfRequested() {
    var r = state.requests.rollbackRequest();
    if (r != null) {
      throw new RegionRollback(
          RegionOutcome.ROLLED_BACK,
          ReleaseEvent.Cause.PERSON,
          r.by(),
          "rolled back by " + r.by() + ": " + r.reason(),
          state.lastVerdict);
    }
  }

  private static RegionRollback rollback(String why, WindowSummary s) {
    return new RegionRollback(
        RegionOutcome.ROLLED_BACK, ReleaseEvent.Cause.BREACH, RegionContext.SYSTEM, why, s);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
