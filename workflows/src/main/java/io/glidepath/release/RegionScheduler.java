package io.glidepath.release;

import static io.glidepath.release.ReleaseContext.SYSTEM;

import io.glidepath.flow.Timers;
import io.glidepath.model.ApprovalGate;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.EventType;
import io.glidepath.region.RegionRequest;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.GateId;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.Words;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * After the preflight: the release gate, the regions in the spec's mode (sequential, delayed,
 * parallel) with their gates and the halt policy, the soak, the go-live sign-off and the
 * finalization of every region still watched.
 */
final class RegionScheduler {
  /** Version of the delay and soak waits: from 1 on they are timers named for the Web UI. */
  static final String NAMED_WAITS = "named-waits";

  private final ReleaseContext c;
  private final ReleaseGates gates;
  private final BudgetGate budget;

  RegionScheduler(ReleaseContext c, ReleaseGates gates) {
    this.c = c;
    this.gates = gates;
    this.budget = new BudgetGate(c, gates);
  }

  /** The error-budget gate, which also reads what the release spent when it ends. */
  BudgetGate budget() {
    return budget;
  }

  void run() {
    ReleaseSpec spec = c.spec;
    budget.atStart();
    if (spec.approval().gates().contains(ApprovalGate.RELEASE)) {
      gates.await(
          GateId.release(), "start the release of " + spec.service() + " " + spec.version());
    }
    c.enter(ReleasePhase.ROLLING_OUT);
    List<RegionSpec> order = spec.regions();
    if (spec.rollout().mode() == RegionMode.PARALLEL) {
      for (RegionSpec r : order) {
        if (!startAllowed(r.name())) {
          continue;
        }
        startRegion(r.name());
      }
      Workflow.await(() -> c.children.keySet().stream().allMatch(n -> c.ready(n) || c.done(n)));
    } else {
      for (int i = 0; i < order.size(); i++) {
        String name = order.get(i).name();
        if (!startAllowed(name)) {
          continue;
        }
        startRegion(name);
        Workflow.await(() -> c.ready(name) || c.done(name));
        if (spec.rollout().mode() == RegionMode.DELAYED && i < order.size() - 1 && c.ready(name)) {
          c.enter(ReleasePhase.DELAY);
          c.decide(
              DecisionKind.DELAY,
              SYSTEM,
              "delay before next region",
              Quantities.format(spec.rollout().delay()) + " while " + name + " stays watched");
          namedWait(
              spec.rollout().delay(),
              "delay " + Quantities.format(spec.rollout().delay()) + " after " + name,
              () -> c.done(name));
          c.awaitResume();
          c.enter(ReleasePhase.ROLLING_OUT);
        }
      }
    }
    if (c.children.keySet().stream().anyMatch(n -> !c.done(n))) {
      c.enter(ReleasePhase.SOAKING);
      c.decide(
          DecisionKind.SOAK,
          SYSTEM,
          "soak started",
          Quantities.format(spec.soak()) + " with the final thresholds");
      namedWait(
          spec.soak(),
          "soak " + Quantities.format(spec.soak()),
          () -> c.children.keySet().stream().allMatch(c::done));
      c.awaitResume();
    }
    if (spec.approval().gates().contains(ApprovalGate.GO_LIVE)
        && c.children.keySet().stream().anyMatch(n -> !c.done(n))) {
      // The regions stay watched while the team signs off; one that rolls back ends the wait.
      gates.await(
          GateId.goLive(),
          "declare " + spec.service() + " " + spec.version() + " live after the soak",
          () -> c.children.keySet().stream().allMatch(c::done));
    }
    c.enter(ReleasePhase.FINALIZING);
    for (String name : c.children.keySet()) {
      if (!c.done(name)) {
        c.toRegion(name, r -> r.finish(new Control(SYSTEM, "release finalized", name)));
      }
    }
    c.awaitChildren();
  }

  /** Whether the region may start now; if not, marks it protected. Waits out a pause and gates. */
  private boolean startAllowed(String name) {
    if (halted()) {
      protect(name);
      return false;
    }
    if (c.spec.approval().gates().contains(ApprovalGate.REGION)) {
      gates.await(GateId.region(name), "start region " + name);
      c.enter(ReleasePhase.ROLLING_OUT);
    }
    budget.beforeRegion(name);
    c.awaitResume();
    if (halted()) {
      protect(name);
      return false;
    }
    return true;
  }

  private boolean halted() {
    return c.spec.rollout().onRegionFailure() == RegionFailurePolicy.HALT
        && c.children.keySet().stream()
            .anyMatch(n -> c.done(n) && c.resultOf(n).outcome() != RegionOutcome.COMPLETED);
  }

  private void protect(String name) {
    String failed =
        c.children.keySet().stream()
            .filter(c::done)
            .map(c::resultOf)
            .filter(r -> r.outcome() != RegionOutcome.COMPLETED)
            .map(r -> r.region() + " " + Words.of(r.outcome()))
            .collect(Collectors.joining(", "));
    String why = "not started: " + failed + " and onRegionFailure is halt";
    c.regions.put(name, c.regions.get(name).withPhase(RegionPhase.PROTECTED, why));
    c.decide(DecisionKind.REGION_PROTECTED, SYSTEM, "region protected", name + " " + why);
    c.notifier.send(EventType.REGION_PROTECTED, name, 0, 0, name + " " + why, null);
    c.publishDetails();
  }

  private void startRegion(String name) {
    ReleaseSpec spec = c.spec;
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(spec.regionWorkflowId(name))
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
            .setStaticSummary(
                spec.service()
                    + " "
                    + spec.version()
                    + " in "
                    + name
                    + " ("
                    + spec.strategy().type().id()
                    + ", "
                    + spec.strategy().stageCount()
                    + " stages)")
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
            .build();
    RegionRolloutWorkflow child =
        Workflow.newChildWorkflowStub(RegionRolloutWorkflow.class, options);
    c.decide(DecisionKind.REGION_STARTED, SYSTEM, "region started", name);
    c.children.put(
        name,
        Async.function(
            child::run,
            new RegionRequest(spec, name, c.stableVersions.get(name), c.request.requestedBy())));
    Workflow.getWorkflowExecution(child).get();
    if (c.paused) {
      c.toRegion(name, r -> r.pause(new Control(SYSTEM, "release is paused", name)));
    }
    io.glidepath.flow.LineStop stop = c.lineStop;
    if (stop != null) {
      c.toRegion(name, r -> r.lineStopped(stop));
    }
  }

  /**
   * Waits up to {@code d} for {@code done} on a timer the Temporal Web UI shows as {@code summary}.
   * Releases started before named timers existed wait as they did.
   */
  private static void namedWait(Duration d, String summary, Supplier<Boolean> done) {
    if (Workflow.getVersion(NAMED_WAITS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      Workflow.await(d, done);
      return;
    }
    Promise<Void> timer = Timers.start(d, summary);
    Workflow.await(() -> timer.isCompleted() || done.get());
  }
}
