package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Output;
import io.glidepath.cli.common.Times;
import io.glidepath.cli.view.StatusView;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glidepath release history}: one timeline of a release and its regions, oldest first. */
@Command(
    name = "history",
    description =
        "One timeline of a release and its regions, oldest first, with dates (UTC): who decided"
            + " what, when, and why.")
final class HistoryCommand extends OnRelease {
  @Mixin Output output;

  @Option(names = "--region", description = "only this region's entries (and none of the release)")
  String region;

  /**
   * One entry of the timeline.
   *
   * @param region the region it happened in, or null for the release's own decisions
   */
  record Entry(
      Instant at,
      String region,
      String who,
      String identity,
      DecisionKind kind,
      String what,
      String why) {
    static Entry of(Decision d, String region) {
      return new Entry(
          Instant.ofEpochMilli(d.atMillis()),
          region,
          d.who(),
          d.identity(),
          d.kind(),
          d.what(),
          d.why());
    }
  }

  /** {@code --output json}: the release's workflow id and its timeline, oldest first. */
  record Json(String workflowId, List<Entry> entries) {}

  @Override
  public Integer call() {
    state();
    String consequence = "history needs one to answer (the release itself is safe in Temporal)";
    requireWorker(consequence);
    if (region != null) {
      requireRegion(runningSpec(), "--region", region);
    }
    ReleaseStatus s = asked(() -> release().status(), consequence);
    List<Entry> entries = new ArrayList<>();
    if (region == null) {
      s.timeline().forEach(d -> entries.add(Entry.of(d, null)));
    }
    WorkflowClient client = temporal.client();
    for (RegionStatus r : s.regions()) {
      if ((region == null || region.equals(r.region())) && started(r)) {
        asked(() -> regionTimeline(client, s.service(), r.region()), consequence)
            .forEach(d -> entries.add(Entry.of(d, r.region())));
      }
    }
    entries.sort(Comparator.comparing(Entry::at)); // stable: the release first at the same time
    print(output.json() ? Output.json(new Json(workflowId(), entries)) : text(entries));
    return ExitCodes.OK;
  }

  /** Whether the region's workflow ever ran: not one waiting, protected or never started. */
  private static boolean started(RegionStatus r) {
    return r.phase() != RegionPhase.PENDING
        && r.phase() != RegionPhase.PROTECTED
        && r.phase() != RegionPhase.NOT_STARTED;
  }

  /**
   * A region's timeline from its workflow, running or closed; none when the workflow is not there
   * (a region the release never started).
   */
  private static List<Decision> regionTimeline(
      WorkflowClient client, String service, String region) {
    try {
      return client
          .newWorkflowStub(
              RegionRolloutWorkflow.class, ReleaseSpec.regionWorkflowId(service, region))
          .status()
          .timeline();
    } catch (WorkflowNotFoundException e) {
      return List.of();
    } catch (WorkflowQueryException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return List.of();
      }
      throw e;
    }
  }

  /** The entries as lines: date and time, where, who, what, why. */
  static String text(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    for (Entry e : entries) {
      out.append(
          String.format(
                  "%s  %-10s %-12s %-28s %s",
                  Times.dateTime(e.at().toEpochMilli()),
                  e.region() == null ? "release" : e.region(),
                  StatusView.who(e.who(), e.identity()),
                  e.what(),
                  e.why() == null ? "" : e.why())
              .stripTrailing());
      out.append(System.lineSeparator());
    }
    return out.toString();
  }
}
