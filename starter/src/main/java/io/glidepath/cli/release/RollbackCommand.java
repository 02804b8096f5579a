package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.status.Control;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath release rollback}: one running region back to stable now (an Update). */
@Command(name = "rollback", description = "Roll one running region back to stable now.")
final class RollbackCommand extends Steering {
  @Option(names = "--region", required = true, description = "the region to roll back")
  String region;

  @Override
  public Integer call() {
    Control c = control("the rollback", region);
    requireRegion(runningSpec(), "--region", region);
    requireWorker("the rollback was not sent (a rollback is checked by the worker)");
    out().println(updated(() -> release().rollbackRegion(c), "the rollback"));
    return ExitCodes.OK;
  }
}
