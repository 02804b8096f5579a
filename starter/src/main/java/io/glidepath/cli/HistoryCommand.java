package io.glidepath.cli;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.status.Decision;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code glidepath release history}: the timeline of a release and of each region. */
@Command(name = "history", description = "The timeline of a release and of each region.")
final class HistoryCommand extends OnRelease {
  @Mixin Output output;

  /** {@code --output json}: the release's timeline and each started region's. */
  record Json(List<Decision> release, Map<String, List<Decision>> regions) {}

  @Override
  public Integer call() {
    state();
    requireWorker("history needs one to answer (the release itself is safe in Temporal)");
    ReleaseStatus s = release().status();
    WorkflowClient client = temporal.client();
    Map<String, List<Decision>> regions = new LinkedHashMap<>();
    for (RegionStatus r : s.regions()) {
      if (r.phase() == RegionPhase.PENDING) {
        continue;
      }
      var region =
          client.newWorkflowStub(
              RegionRolloutWorkflow.class, ReleaseSpec.regionWorkflowId(s.service(), r.region()));
      regions.put(r.region(), region.status().timeline());
    }
    if (output.json()) {
      print(Output.json(new Json(s.timeline(), regions)));
      return ExitCodes.OK;
    }
    print(StatusView.timeline(s.timeline(), "release"));
    regions.forEach((name, timeline) -> print(StatusView.timeline(timeline, name)));
    return ExitCodes.OK;
  }
}
