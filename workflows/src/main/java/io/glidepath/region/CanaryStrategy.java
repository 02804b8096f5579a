package io.glidepath.region;

import io.glidepath.model.Defaults;
import io.glidepath.model.HookSpec;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.StageSpec;
import io.glidepath.notify.EventType;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.GateId;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/** Canary: the new version beside stable, traffic in weighted stages, each one observed. */
class CanaryStrategy implements RolloutStrategy {

  @Override
  public void rollOut(RegionContext ctx, Watch watch, Waits waits) {
    RegionState state = ctx.state;
    prepare(ctx);
    ctx.runHooks(HookSpec.HookPoint.BEFORE_TRAFFIC, watch);
    ctx.compensateTrafficWith(() -> restoreTraffic(ctx));
    List<StageSpec> stages = ctx.spec.strategy().canary().stages();
    for (int i = 0; i < stages.size(); i++) {
      StageSpec s = stages.get(i);
      Map<String, Double> current = stages.get(Math.max(0, i - 1)).thresholds();
      if (state.fullPromotion) {
        state.stage = stages.size();
        waits.awaitTurn(null, current);
        ctx.shift(100);
        return;
      }
      state.stage = i + 1;
      if (s.gate()) {
        waits.awaitGate(GateId.stage(ctx.region.name(), state.stage), current);
      }
      waits.awaitTurn(s.at(), current);
      ctx.shift(s.weight());
      watch.observe(s.hold(), s.thresholds());
      state.weightsPassed.add(s.weight());
      if (!watch.promotedEarly()) {
        stagePassed(ctx, stages.size());
      }
      if (state.requests.paused()) {
        Control p = state.requests.pausedBy();
        watch.hold(
            p == null ? "paused" : "paused by " + p.by() + ": " + p.reason(),
            s.thresholds(),
            false);
      }
    }
  }

  /** What comes before the first stage: the new version deployed beside stable and verified. */
  void prepare(RegionContext ctx) {
    ctx.deployNewVersion();
    ctx.verifyNewVersion(Defaults.HEALTH_CHECK_TRIES, Defaults.HEALTH_CHECK_INTERVAL);
  }

  /** Records the stage's end: passed on a verdict, or let through by a person without one. */
  private static void stagePassed(RegionContext ctx, int stages) {
    RegionState state = ctx.state;
    Control letThrough = state.letThroughBy;
    state.letThroughBy = null;
    String at = "stage " + state.stage + "/" + stages + " at " + state.weight + "%";
    if (letThrough != null) {
      ctx.decide(
          DecisionKind.STAGE_LET_THROUGH,
          letThrough,
          "stage " + state.stage + " let through",
          "by " + letThrough.by() + " without a verdict: " + letThrough.reason());
      ctx.notify(
          EventType.STAGE_PASSED,
          at + " let through by " + letThrough.by() + " without a verdict: " + letThrough.reason(),
          state.lastVerdict);
      return;
    }
    ctx.decide(
        DecisionKind.STAGE_PASSED,
        "stage " + state.stage + " passed",
        state.weight + "%: " + RegionText.verdict(state.lastVerdict));
    ctx.notify(EventType.STAGE_PASSED, at + " passed", state.lastVerdict);
  }

  /** Back to stable, through the stages passed when the spec asks for a staged rollback. */
  @Override
  public void restoreTraffic(RegionContext ctx) {
    RegionState state = ctx.state;
    if (!state.promoted && ctx.spec.strategy().canary().rollback() == RollbackMode.STAGED) {
      for (int i = state.weightsPassed.size() - 1; i >= 0; i--) {
        int w = state.weightsPassed.get(i);
        if (w < state.weight) {
          ctx.setWeight(w, true, "staged rollback of " + ctx.region.name() + " to " + w + "%");
          state.weight = w;
          Workflow.newTimer(
                  ctx.spec.analysis().interval(),
                  TimerOptions.newBuilder()
                      .setSummary("staged rollback pause in " + ctx.region.name())
                      .build())
              .get();
        }
      }
    }
    ctx.restoreTrafficNow();
  }
}
