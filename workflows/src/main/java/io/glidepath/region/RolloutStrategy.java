package io.glidepath.region;

import io.glidepath.model.FlagSettings;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.status.DecisionKind;

/**
 * How a region moves traffic to the new version: one implementation per strategy, sharing the
 * region's context. Nothing outside a strategy asks which strategy runs.
 */
interface RolloutStrategy {

  /**
   * Deploys the new version and brings it to 100% of the region's traffic, observing each step, and
   * registers the compensations that undo what it did; {@code watch} observes each step, {@code
   * waits} holds each increase until its time, the line and its gate allow it.
   */
  void rollOut(RegionContext ctx, Watch watch, Waits waits);

  /**
   * Makes the new version the stable one once it has proven itself: by default the stable
   * Deployment takes the new template and traffic goes back to it ({@link RegionContext#promote}).
   */
  default void promote(RegionContext ctx) {
    ctx.promote();
  }

  /**
   * For releases started before promotion existed: what finalizing did then (by default retire the
   * old version, which ran beside the new).
   */
  default void finishUnpromoted(RegionContext ctx) {
    ctx.deploy.retireStable(ctx.deployRequest);
    ctx.decide(
        DecisionKind.RETIRED, "old version retired", ctx.request.stableVersion() + " scaled down");
  }

  /** Puts traffic back on stable; registered as a compensation by {@link #rollOut}. */
  void restoreTraffic(RegionContext ctx);

  /**
   * The strategy of {@code spec}: a flag release (every region a flagd layer) is a flag rollout.
   */
  static RolloutStrategy of(ReleaseSpec spec) {
    if (FlagSettings.ofRelease(spec) != null) {
      return new FlagStrategy();
    }
    return of(spec.strategy().type());
  }

  static RolloutStrategy of(StrategyType type) {
    return switch (type) {
      case CANARY -> new CanaryStrategy();
      case BLUE_GREEN -> new BlueGreenStrategy();
      case ROLLING -> new RollingStrategy();
    };
  }
}
