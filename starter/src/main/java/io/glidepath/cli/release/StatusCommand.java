package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Output;
import io.glidepath.cli.common.Workers;
import io.glidepath.cli.view.LiveRegions;
import io.glidepath.cli.view.StatusView;
import io.glidepath.status.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glidepath release status}: where a release stands. */
@Command(name = "status", description = "Show a release: phase, regions, pending approvals.")
final class StatusCommand extends OnRelease {
  @Mixin Output output;

  @Override
  public Integer call() {
    boolean running =
        state()
            == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (!running && !Workers.polling(temporal.client(), temporal.namespace, workflowId())) {
      // An ended release's outcome is in its result: no worker needed to say why it ended.
      String ended = Preflight.whyEnded(temporal.launcher(), service);
      print(
          output.json()
              ? Output.json(new Json(workflowId(), null, startedIdentity(), ended))
              : workflowId() + " " + ended + System.lineSeparator());
      return ExitCodes.OK;
    }
    String consequence = "status needs one to answer (the release itself is safe in Temporal)";
    requireWorker(consequence);
    ReleaseStatus status =
        LiveRegions.of(temporal.client(), asked(() -> release().status(), consequence));
    String ended = running ? null : Preflight.whyEnded(temporal.launcher(), service);
    if (output.json()) {
      print(Output.json(new Json(workflowId(), status, startedIdentity(), ended)));
      return ExitCodes.OK;
    }
    print(StatusView.render(status, startedIdentity()));
    if (ended != null) {
      out().println("  " + ended);
    }
    return ExitCodes.OK;
  }

  /**
   * {@code --output json}: the status query's answer (null when no worker could answer for an ended
   * release), the client identity that started it, and for an ended release how and why.
   */
  record Json(String workflowId, ReleaseStatus status, String startedIdentity, String ended) {}
}
