package io.glidepath.release;

import io.glidepath.flow.Escalator;
import io.glidepath.flow.Failures;
import io.glidepath.model.Quantities;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.WorkflowNotifier;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.SearchAttributes;
import io.glidepath.status.Timeline;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Everything the release workflow knows, in one place (what the status query shows and what
 * messages change), and the small steps every part of it shares: entering a phase, recording a
 * decision, asking a region's outcome, messaging a region.
 */
final class ReleaseContext {
  static final String SYSTEM = "glidepath";
  private static final Logger log = Workflow.getLogger(ReleaseContext.class);

  ReleaseRequest request;
  ReleaseSpec spec;
  WorkflowNotifier notifier;
  ReleasePhase phase = ReleasePhase.PREFLIGHT;
  boolean paused;
  io.glidepath.flow.LineStop lineStop;
  Control abortRequest;
  final Map<String, RegionStatus> regions = new LinkedHashMap<>();
  final Map<String, String> stableVersions = new LinkedHashMap<>();
  final Map<String, ReleaseResult.Baseline> before = new LinkedHashMap<>();

  /** Per region, each objective's remaining error budget when the release started. */
  final Map<String, Map<String, Double>> budgetBefore = new LinkedHashMap<>();

  final Map<String, Promise<RegionResult>> children = new LinkedHashMap<>();
  final Map<String, Gate> gates = new LinkedHashMap<>();
  final Timeline timeline = new Timeline();

  /** Messages to region workflows, sent by one workflow thread so handlers never block. */
  private final List<Runnable> outbox = new ArrayList<>();

  void enter(ReleasePhase next) {
    phase = next;
    // Service, version, author and phase as search attributes, for the Web UI and release list.
    SearchAttributes.upsert(
        spec.service(), spec.version(), request == null ? null : request.requestedBy(), next);
    publishDetails();
  }

  void decide(DecisionKind kind, String who, String what, String why) {
    timeline.record(Workflow.currentTimeMillis(), kind, who, what, why);
  }

  /** A person's decision, with the client identity it came from beside the name they gave. */
  void decide(DecisionKind kind, String who, String identity, String what, String why) {
    timeline.record(Workflow.currentTimeMillis(), kind, who, identity, what, why);
  }

  void publishDetails() {
    Workflow.setCurrentDetails(
        ReleaseText.details(spec, phase, paused, regions.values(), gates.keySet()));
  }

  String missingText(Gate gate) {
    return ReleaseText.missing(gate.missing(spec.approval()));
  }

  /** The escalation of a step of the release that opens now. */
  Escalator escalator(String what, String region) {
    return new Escalator(
        spec.approval().escalate(),
        Workflow.currentTimeMillis(),
        e -> {
          String message = what + ": open for " + Quantities.format(e.after());
          decide(DecisionKind.ESCALATED, SYSTEM, "escalated", message);
          notifier.escalate(region, 0, 0, message, e.webhook());
        });
  }

  void awaitResume() {
    if (paused) {
      escalator("the release is paused", null).await(null, () -> !paused);
    }
  }

  boolean ready(String name) {
    return regions.get(name).phase() == RegionPhase.WATCHING;
  }

  boolean done(String name) {
    Promise<RegionResult> p = children.get(name);
    return p != null && p.isCompleted();
  }

  void awaitChildren() {
    for (Promise<RegionResult> p : children.values()) {
      try {
        p.get();
      } catch (ChildWorkflowFailure ignored) {
        // Read through resultOf: a region that rolled back is an outcome, not an error here.
      }
    }
  }

  RegionResult resultOf(String name) {
    Promise<RegionResult> p = children.get(name);
    RegionStatus s = regions.get(name);
    if (p == null) {
      RegionOutcome o =
          s.phase() == RegionPhase.PROTECTED ? RegionOutcome.PROTECTED : RegionOutcome.NOT_STARTED;
      return new RegionResult(name, o, 0, 0, s.reason(), null);
    }
    if (p.getFailure() == null) {
      return p.get();
    }
    Throwable cause = p.getFailure().getCause();
    if (cause instanceof ApplicationFailure af) {
      try {
        return af.getDetails().get(RegionResult.class);
      } catch (RuntimeException e) {
        log.warn("region {} failed without a result: {}", name, af.getOriginalMessage());
      }
    }
    if (cause instanceof CanceledFailure
        && (s.phase() == RegionPhase.ROLLED_BACK || s.phase() == RegionPhase.FAILED)) {
      // Cancelled by an abort after it had already rolled back (or failed) on its own: its last
      // report keeps the first cause.
      RegionOutcome first =
          s.phase() == RegionPhase.ROLLED_BACK ? RegionOutcome.ROLLED_BACK : RegionOutcome.FAILED;
      return new RegionResult(name, first, s.stage(), s.weight(), s.reason(), s.lastVerdict());
    }
    RegionOutcome o =
        cause instanceof CanceledFailure ? RegionOutcome.ABORTED : RegionOutcome.FAILED;
    String why =
        o == RegionOutcome.ABORTED && abortRequest != null
            ? abortRequest.reason()
            : Failures.describe(p.getFailure());
    return new RegionResult(name, o, s.stage(), s.weight(), why, s.lastVerdict());
  }

  void forEachRunning(Consumer<RegionRolloutWorkflow> action) {
    for (String name : children.keySet()) {
      if (!done(name)) {
        toRegion(name, action);
      }
    }
  }

  void toRegion(String name, Consumer<RegionRolloutWorkflow> action) {
    outbox.add(
        () ->
            action.accept(
                Workflow.newExternalWorkflowStub(
                    RegionRolloutWorkflow.class, spec.regionWorkflowId(name))));
  }

  /** Sends the queued messages to regions, one at a time, for as long as the release runs. */
  void deliverOutbox() {
    while (true) {
      Workflow.await(() -> !outbox.isEmpty());
      Runnable next = outbox.remove(0);
      try {
        next.run();
      } catch (RuntimeException e) {
        log.warn("could not reach a region workflow: {}", e.getMessage());
      }
    }
  }
}
