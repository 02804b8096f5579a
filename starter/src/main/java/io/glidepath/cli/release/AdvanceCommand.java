package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.status.Promotion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath release advance}: moves a region on without waiting out its current stage (the
 * workflow's {@code promote} Update, named so for the releases already running). "Promote" is kept
 * for promotion proper: the stable Deployment taking the new version. The release's validator
 * decides; its refusal is shown as is (exit 2).
 */
@Command(
    name = "advance",
    description =
        "End the current stage's hold early, or with --full go straight to 100% and promotion.")
class AdvanceCommand extends Steering {
  @Option(names = "--region", description = "only this region (default: every running region)")
  String region;

  @Option(names = "--full", description = "go straight to 100% and promotion")
  boolean full;

  @Override
  public Integer call() {
    Promotion p =
        new Promotion(
            Inputs.identity("--by", by), Inputs.reason(reason), region, full, temporal.identity());
    requireRunning("the advance");
    if (region != null) {
      requireRegion(runningSpec(), "--region", region);
    }
    requireWorker("the advance was not sent (an advance is checked by the worker)");
    out().println(updated(() -> release().promote(p), "the advance"));
    return ExitCodes.OK;
  }
}

/** {@code release promote}: the old name of {@code release advance}, kept as a deprecated alias. */
@Command(name = "promote", hidden = true, description = "Deprecated: use release advance.")
final class PromoteAlias extends AdvanceCommand {
  @Override
  public Integer call() {
    err().println("glidepath: release promote is now release advance (promote is deprecated)");
    return super.call();
  }
}
