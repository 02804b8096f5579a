package io.glidepath.region;

import io.glidepath.analysis.WindowSummary;
import io.glidepath.flow.Failures;
import io.glidepath.model.HookSpec;
import io.glidepath.notify.EventType;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;

/**
 * See {@link RegionRolloutWorkflow}. The runbook of one region, in order: roll out by the strategy,
 * promote, stay watched until the release finalizes; on a breach, abort or failure, compensate in
 * reverse.
 */
public class RegionRolloutWorkflowImpl implements RegionRolloutWorkflow {
  private static final String SYSTEM = RegionContext.SYSTEM;

  /** Version of the region's flow: from 1 on, a region promotes before it reports completed. */
  static final String PROMOTION = "promote-before-watch";

  private final RegionState state = new RegionState();
  private RegionContext ctx;

  @Override
  public RegionResult run(RegionRequest request) {
    ctx = new RegionContext(request, state);
    Watch watch = new Watch(ctx);
    RolloutStrategy strategy = RolloutStrategy.of(ctx.spec);
    try {
      ctx.decide(
          DecisionKind.REGION_STARTED,
          "region started",
          ctx.spec.strategy().type().id() + " of " + ctx.spec.version());
      ctx.notify(
          EventType.REGION_STARTED,
          RegionText.started(ctx.spec, ctx.region.name(), request.stableVersion()),
          null);
      ctx.runHooks(HookSpec.HookPoint.BEFORE_DEPLOY, watch);
      strategy.rollOut(ctx, watch, new Waits(ctx, watch));
      boolean promotes =
          Workflow.getVersion(PROMOTION, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
      if (promotes) {
        strategy.promote(ctx);
        ctx.runHooks(HookSpec.HookPoint.AFTER_PROMOTION, watch);
      }
      ctx.enter(RegionPhase.WATCHING, null);
      ctx.notify(
          EventType.REGION_COMPLETED,
          RegionText.completed(ctx.spec, ctx.region.name(), state.promoted),
          state.lastVerdict);
      watch.watchUntil(
          ctx.spec.strategy().finalThresholds(), () -> state.requests.finishRequested(), null);
      ctx.enter(RegionPhase.FINALIZING, null);
      if (!promotes) {
        strategy.finishUnpromoted(ctx);
      }
      ctx.enter(RegionPhase.COMPLETED, null);
      ctx.notifier.drain();
      return result(RegionOutcome.COMPLETED);
    } catch (RegionRollback r) {
      throw compensate(r.outcome, r.cause, r.actor, r.getMessage(), r.verdict);
    } catch (ActivityFailure f) {
      if (f.getCause() instanceof CanceledFailure c) {
        throw aborted(c);
      }
      throw compensate(
          RegionOutcome.FAILED,
          ReleaseEvent.Cause.FAILURE,
          SYSTEM,
          Failures.describe(f),
          state.lastVerdict);
    } catch (CanceledFailure c) {
      throw aborted(c);
    }
  }

  /** The release was aborted or cancelled: compensate, then end cancelled. */
  private CanceledFailure aborted(CanceledFailure c) {
    compensate(
        RegionOutcome.ABORTED,
        ReleaseEvent.Cause.ABORT,
        SYSTEM,
        "release aborted",
        state.lastVerdict);
    return c;
  }

  /**
   * Puts the region back on stable and returns the failure that ends it. Runs detached from the
   * workflow's scope, so an abort or cancel arriving meanwhile never interrupts it.
   */
  private ApplicationFailure compensate(
      RegionOutcome outcome,
      ReleaseEvent.Cause cause,
      String actor,
      String why,
      WindowSummary verdict) {
    ApplicationFailure[] end = new ApplicationFailure[1];
    Workflow.newDetachedCancellationScope(
            () -> end[0] = compensateNow(outcome, cause, actor, why, verdict))
        .run();
    return end[0];
  }

  private ApplicationFailure compensateNow(
      RegionOutcome outcome,
      ReleaseEvent.Cause cause,
      String actor,
      String why,
      WindowSummary verdict) {
    WindowSummary v = verdict == null ? state.lastVerdict : verdict;
    state.lastVerdict = v;
    state.pendingGate = null; // a gate left by a rollback or an abort is no longer open
    ctx.decide(DecisionKind.ROLLBACK_TRIGGERED, actor, "rollback triggered", why);
    ctx.enter(RegionPhase.ROLLING_BACK, why);
    ctx.notifier.rollback(
        ctx.region.name(),
        state.stage,
        state.weight,
        RegionText.rollbackTriggered(ctx.spec, state.stage, state.weight, why),
        v == null ? null : v.last(),
        new ReleaseEvent.Incident(cause, actor, state.promoted));
    RegionOutcome end = outcome;
    try {
      ctx.saga.compensate(); // each step records itself in the timeline as it is done
    } catch (RuntimeException e) {
      end = RegionOutcome.FAILED;
      why = why + "; COMPENSATION FAILED, check the region by hand: " + e.getMessage();
      ctx.decide(DecisionKind.COMPENSATION_FAILED, "compensation failed", e.getMessage());
    }
    state.promoted = false;
    RegionPhase endPhase =
        switch (end) {
          case ROLLED_BACK -> RegionPhase.ROLLED_BACK;
          case ABORTED -> RegionPhase.ABORTED;
          default -> RegionPhase.FAILED;
        };
    ctx.enter(endPhase, why);
    ctx.notifier.drain();
    RegionResult result = result(end);
    String type =
        switch (end) {
          case ROLLED_BACK -> "RegionRolledBack";
          case ABORTED -> "RegionAborted";
          default -> "RegionFailed";
        };
    return ApplicationFailure.newNonRetryableFailure(
        ctx.region.name() + " " + Words.of(end) + " at stage " + state.stage + ": " + why,
        type,
        result);
  }

  private RegionResult result(RegionOutcome outcome) {
    return new RegionResult(
        ctx.region.name(), outcome, state.stage, state.weight, state.reason, state.lastVerdict);
  }

  @Override
  public RegionStatus status() {
    if (ctx == null) {
      return state.status(null, 0, true);
    }
    return ctx.status(true);
  }

  // ---- signals: they record requests only; the workflow thread acts on them ----

  @Override
  public void pause(Control control) {
    Control c = Bounded.control(control);
    state.requests.pause(c);
    decideNow(DecisionKind.PAUSED, c.by(), c.identity(), "paused", c.reason());
  }

  @Override
  public void resume(Control control) {
    Control c = Bounded.control(control);
    state.requests.resume(c);
    decideNow(DecisionKind.RESUMED, c.by(), c.identity(), "resumed", c.reason());
  }

  @Override
  public void rollback(Control control) {
    state.requests.rollback(control);
  }

  @Override
  public void promote(Promotion promotion) {
    state.requests.advance(promotion);
  }

  @Override
  public void lineStopped(io.glidepath.flow.LineStop freeze) {
    state.requests.lineStopped(freeze);
    decideNow(
        DecisionKind.PAUSED, freeze.by(), freeze.identity(), "line stopped", freeze.describe());
  }

  @Override
  public void lineResumed(io.glidepath.flow.LineStop freeze) {
    state.requests.lineResumed();
    decideNow(
        DecisionKind.RESUMED, freeze.by(), freeze.identity(), "line resumed", freeze.describe());
  }

  @Override
  public void gateApproved(String gateId) {
    state.requests.approve(gateId);
  }

  @Override
  public void finish(Control control) {
    state.requests.finish();
  }

  private void decideNow(DecisionKind kind, String who, String identity, String what, String why) {
    state.timeline.record(Workflow.currentTimeMillis(), kind, who, identity, what, why);
  }
}
