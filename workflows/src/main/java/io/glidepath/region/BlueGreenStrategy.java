package io.glidepath.region;

import io.glidepath.model.HookSpec;
import io.glidepath.model.Quantities;
import io.glidepath.status.DecisionKind;

/**
 * Blue-green: green beside blue, checked, switched at once, then watched for the rollback window.
 */
final class BlueGreenStrategy implements RolloutStrategy {

  @Override
  public void rollOut(RegionContext ctx, Watch watch, Waits waits) {
    ctx.deployNewVersion();
    var bg = ctx.spec.strategy().blueGreen();
    ctx.verifyNewVersion(bg.healthCheckTries(), bg.healthCheckInterval());
    ctx.runHooks(HookSpec.HookPoint.BEFORE_TRAFFIC, watch);
    ctx.compensateTrafficWith(() -> restoreTraffic(ctx));
    ctx.state.stage = 1;
    waits.awaitTurn(null, bg.thresholds());
    ctx.shift(100);
    watch.observe(bg.rollbackWindow(), bg.thresholds());
    if (watch.promotedEarly()) {
      return;
    }
    ctx.decide(
        DecisionKind.STAGE_PASSED,
        "rollback window passed",
        Quantities.format(bg.rollbackWindow()) + " at 100%");
  }

  @Override
  public void restoreTraffic(RegionContext ctx) {
    ctx.restoreTrafficNow();
  }
}
