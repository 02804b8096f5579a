package io.glidepath.cli;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowClient;
import picocli.CommandLine.Command;

/** {@code glidepath release history}: the timeline of a release and of each region. */
@Command(name = "history", description = "The timeline of a release and of each region.")
final class HistoryCommand extends OnRelease {
  @Override
  public Integer call() {
    state();
    requireWorker("history needs one to answer (the release itself is safe in Temporal)");
    ReleaseStatus s = release().status();
    print(StatusView.timeline(s.timeline(), "release"));
    WorkflowClient client = temporal.client();
    for (RegionStatus r : s.regions()) {
      if (r.phase() == RegionPhase.PENDING) {
        continue;
      }
      var region =
          client.newWorkflowStub(
              RegionRolloutWorkflow.class, ReleaseSpec.regionWorkflowId(s.service(), r.region()));
      print(StatusView.timeline(region.status().timeline(), r.region()));
    }
    return ExitCodes.OK;
  }
}
