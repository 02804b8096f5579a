package io.glidepath.cli;

import picocli.CommandLine.Command;

/** {@code glidepath release status}: where a release stands. */
@Command(name = "status", description = "Show a release: phase, regions, pending approvals.")
final class StatusCommand extends OnRelease {
  @Override
  public Integer call() {
    state();
    requireWorker("status needs one to answer (the release itself is safe in Temporal)");
    print(StatusView.render(release().status(), startedIdentity()));
    return ExitCodes.OK;
  }
}
