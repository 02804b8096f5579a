package io.glidepath.cli;

import io.glidepath.status.Promotion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath release promote}: moves a region on without waiting out its current stage (the
 * {@code promote} Update). The release's validator decides; its refusal is shown as is (exit 2).
 */
@Command(
    name = "promote",
    description =
        "End the current stage's hold early, or with --full go straight to 100% and promotion.")
final class PromoteCommand extends Steering {
  @Option(names = "--region", description = "only this region (default: every running region)")
  String region;

  @Option(names = "--full", description = "go straight to 100% and promotion")
  boolean full;

  @Override
  public Integer call() {
    Promotion p =
        new Promotion(
            Inputs.identity("--by", by), Inputs.reason(reason), region, full, temporal.identity());
    requireRunning("the promotion");
    if (region != null) {
      requireRegion(runningSpec(), "--region", region);
    }
    requireWorker("the promotion was not sent (a promotion is checked by the worker)");
    out().println(updated(() -> release().promote(p), "the promotion"));
    return ExitCodes.OK;
  }
}
