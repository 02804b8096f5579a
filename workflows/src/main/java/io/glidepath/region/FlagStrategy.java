package io.glidepath.region;

import io.glidepath.model.FlagSettings;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionPhase;

/**
 * A flag release: the canary's stages move the share of users on the flag's new variant; nothing is
 * deployed, and promotion makes the new variant the flag's default. Its rollback (the canary's)
 * puts the new variant at 0%, keeping the allowlist when the spec asks.
 */
final class FlagStrategy extends CanaryStrategy {

  @Override
  void prepare(RegionContext ctx) {
    ctx.decide(
        DecisionKind.DEPLOYED,
        "nothing to deploy",
        "feature " + flag(ctx).flag() + ": the flag's variants are already deployed");
  }

  @Override
  public void promote(RegionContext ctx) {
    ctx.enter(RegionPhase.PROMOTING, null);
    FlagSettings flag = flag(ctx);
    ctx.promoteFlag(
        "promote: "
            + flag.newVariant()
            + " the default of "
            + flag.flag()
            + " in "
            + ctx.region.name());
    ctx.state.promoted = true;
    ctx.decide(
        DecisionKind.PROMOTED,
        "promoted",
        "feature "
            + flag.flag()
            + ": "
            + flag.newVariant()
            + " is the default variant for every user");
  }

  @Override
  public void finishUnpromoted(RegionContext ctx) {}

  private static FlagSettings flag(RegionContext ctx) {
    return FlagSettings.of(ctx.region.traffic());
  }
}
