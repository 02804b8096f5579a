package io.glidepath.region;

import io.glidepath.model.HookSpec;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionPhase;

/**
 * Rolling: the stable Deployment itself takes the new version, then is observed. It is its own
 * promotion, and its undo puts the previous template back.
 */
final class RollingStrategy implements RolloutStrategy {

  @Override
  public void rollOut(RegionContext ctx, Watch watch, Waits waits) {
    var r = ctx.spec.strategy().rolling();
    ctx.runHooks(HookSpec.HookPoint.BEFORE_TRAFFIC, watch); // the update itself moves traffic
    waits.awaitTurn(null, r.thresholds());
    ctx.enter(RegionPhase.DEPLOYING, null);
    // Undoing the update is what moves the traffic back.
    ctx.compensateTrafficWith(() -> ctx.deployUndo.undoRollingUpdate(ctx.deployRequest));
    ctx.deploy("rolling update of " + ctx.region.deployment().stable() + " in " + ctx.region.name())
        .rollingUpdate(ctx.deployRequest);
    ctx.state.stage = 1;
    ctx.state.weight = 100;
    ctx.decide(
        DecisionKind.DEPLOYED, "rolling update done", ctx.spec.version() + " rolled out in place");
    watch.observe(r.hold(), r.thresholds());
    watch.promotedEarly();
  }

  @Override
  public void promote(RegionContext ctx) {
    ctx.state.promoted = true;
  }

  @Override
  public void finishUnpromoted(RegionContext ctx) {}

  @Override
  public void restoreTraffic(RegionContext ctx) {}
}
