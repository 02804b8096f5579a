package io.glidepath.cli.view;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A release's status with each running region's status as the region's own workflow answers it. The
 * release holds what its regions last reported, which a region sends before an observation window
 * starts; the region itself knows the window that runs now, so the countdowns come from it.
 */
public final class LiveRegions {
  private LiveRegions() {}

  public static ReleaseStatus of(WorkflowClient client, ReleaseStatus s) {
    List<RegionStatus> regions = new ArrayList<>();
    for (RegionStatus r : s.regions()) {
      boolean running = r.phase() != RegionPhase.PENDING && !r.phase().finished();
      regions.add(running ? live(client, s.service(), r) : r);
    }
    return s.withRegions(regions);
  }

  /** The region's own status; the release's copy when the region cannot answer now. */
  private static RegionStatus live(WorkflowClient client, String service, RegionStatus reported) {
    try {
      RegionStatus own =
          client
              .newWorkflowStub(
                  RegionRolloutWorkflow.class,
                  ReleaseSpec.regionWorkflowId(service, reported.region()))
              .status();
      return own == null ? reported : own;
    } catch (RuntimeException notNow) {
      return reported; // a region between runs, or a worker restarting: the release's copy
    }
  }
}
