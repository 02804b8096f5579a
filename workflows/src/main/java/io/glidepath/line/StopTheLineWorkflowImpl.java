package io.glidepath.line;

import io.glidepath.flow.ActivityPolicies;
import io.glidepath.flow.LineStop;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Bounded;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.Timeline;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** See {@link StopTheLineWorkflow}. */
public class StopTheLineWorkflowImpl implements StopTheLineWorkflow {
  private static final Logger log = Workflow.getLogger(StopTheLineWorkflowImpl.class);

  private final LineActivities line =
      Workflow.newActivityStub(LineActivities.class, ActivityPolicies.forward());
  private final List<LineStop> freezes = new ArrayList<>();
  private final Timeline timeline = new Timeline();

  /** A change not yet announced to the running releases. */
  private record Announcement(LineStop freeze, boolean lifted) {}

  private final List<Announcement> outbox = new ArrayList<>();

  @Override
  public void run(LineStatus carried) {
    if (carried != null) {
      freezes.addAll(carried.freezes());
    }
    while (!Workflow.getInfo().isContinueAsNewSuggested()) {
      Workflow.await(() -> !outbox.isEmpty());
      Announcement next = outbox.remove(0);
      announce(next.freeze(), next.lifted());
    }
    Workflow.await(() -> outbox.isEmpty() && Workflow.isEveryHandlerFinished());
    Workflow.continueAsNew(new LineStatus(freezes, List.of()));
  }

  /** Tells every running release the freeze covers; a release that just ended is skipped. */
  private void announce(LineStop f, boolean lifted) {
    for (String id : line.runningReleases()) {
      if (f.service() != null && !id.equals(ReleaseSpec.releaseWorkflowId(f.service()))) {
        continue;
      }
      ReleaseWorkflow release = Workflow.newExternalWorkflowStub(ReleaseWorkflow.class, id);
      try {
        if (lifted) {
          release.lineResumed(f);
        } else {
          release.lineStopped(f);
        }
      } catch (RuntimeException e) {
        log.warn("could not tell {} about the line: {}", id, e.getMessage());
      }
    }
  }

  @Override
  public String freeze(LineStop sent) {
    LineStop f =
        new LineStop(
            sent.service(),
            sent.by(),
            Bounded.text(sent.identity(), Bounded.MAX_NAME),
            sent.reason(),
            Workflow.currentTimeMillis());
    freezes.add(f);
    timeline.record(
        f.sinceMillis(), DecisionKind.PAUSED, f.by(), f.identity(), "line stopped", f.describe());
    outbox.add(new Announcement(f, false));
    return f.describe();
  }

  @Override
  public void validateFreeze(LineStop f) {
    refuse(MessageLimits.identityProblem(f.by()).map(p -> "--by " + p).orElse(null));
    refuse(MessageLimits.reasonProblem(f.reason()).map(p -> "--reason " + p).orElse(null));
    LineStop existing = find(f.service());
    refuse(existing == null ? null : "already in force: " + existing.describe());
  }

  @Override
  public String unfreeze(LineStop sent) {
    LineStop f = find(sent.service());
    freezes.remove(f);
    timeline.record(
        Workflow.currentTimeMillis(),
        DecisionKind.RESUMED,
        sent.by(),
        Bounded.text(sent.identity(), Bounded.MAX_NAME),
        "line resumed",
        (f.service() == null ? "all releases" : f.service())
            + (sent.reason() == null ? "" : ": " + Bounded.text(sent.reason(), Bounded.MAX_TEXT)));
    outbox.add(new Announcement(f, true));
    return (f.service() == null ? "all releases" : f.service()) + " may move again";
  }

  @Override
  public void validateUnfreeze(LineStop f) {
    refuse(MessageLimits.identityProblem(f.by()).map(p -> "--by " + p).orElse(null));
    refuse(
        find(f.service()) == null
            ? "the line is not stopped for "
                + (f.service() == null ? "all releases" : f.service())
                + (freezes.isEmpty()
                    ? ""
                    : "; in force: "
                        + String.join("; ", freezes.stream().map(LineStop::describe).toList()))
            : null);
  }

  @Override
  public LineStatus status() {
    return new LineStatus(freezes, timeline.entries());
  }

  private LineStop find(String service) {
    return freezes.stream()
        .filter(f -> java.util.Objects.equals(f.service(), service))
        .findFirst()
        .orElse(null);
  }

  private static void refuse(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
