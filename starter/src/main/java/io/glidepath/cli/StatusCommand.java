package io.glidepath.cli;

import picocli.CommandLine.Command;

/** {@code glidepath release status}: where a release stands. */
@Command(name = "status", description = "Show a release: phase, regions, pending approvals.")
final class StatusCommand extends OnRelease {
  @Override
  public Integer call() {
    boolean running =
        state()
            == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (!running && !Workers.polling(temporal.client(), temporal.namespace, workflowId())) {
      // An ended release's outcome is in its result: no worker needed to say why it ended.
      out().println(workflowId() + " " + Preflight.whyEnded(temporal.launcher(), service));
      return ExitCodes.OK;
    }
    requireWorker("status needs one to answer (the release itself is safe in Temporal)");
    print(StatusView.render(release().status(), startedIdentity()));
    if (!running) {
      out().println("  " + Preflight.whyEnded(temporal.launcher(), service));
    }
    return ExitCodes.OK;
  }
}
