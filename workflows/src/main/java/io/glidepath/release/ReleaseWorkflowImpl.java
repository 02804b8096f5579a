package io.glidepath.release;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.deploy.DeployRequest;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.deploy.PreflightReport;
import io.glidepath.model.ApprovalGate;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.notify.EventType;
import io.glidepath.notify.WorkflowNotifier;
import io.glidepath.region.RegionRequest;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecProblem;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.Approval;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.GateId;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.SearchAttributes;
import io.glidepath.status.Timeline;
import io.glidepath.status.Words;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/** See {@link ReleaseWorkflow}. */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private static final Logger log = Workflow.getLogger(ReleaseWorkflowImpl.class);
  private static final String SYSTEM = "glidepath";

  /** Version of the delay and soak waits: from 1 on they are timers named for the Web UI. */
  static final String NAMED_WAITS = "named-waits";

  private final DeploymentActivities deploy =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.forward());
  private WorkflowNotifier notifier;

  private ReleaseRequest request;
  private ReleaseSpec spec;
  private ReleasePhase phase = ReleasePhase.PREFLIGHT;
  private boolean paused;
  private io.glidepath.line.LineFreeze lineStop;
  private Control abortRequest;
  private final Map<String, RegionStatus> regions = new LinkedHashMap<>();
  private final Map<String, String> stableVersions = new LinkedHashMap<>();
  private final Map<String, ReleaseResult.Baseline> before = new LinkedHashMap<>();
  private final Map<String, Promise<RegionResult>> children = new LinkedHashMap<>();
  private final Map<String, Gate> gates = new LinkedHashMap<>();
  private final Timeline timeline = new Timeline();

  /** Messages to region workflows, sent by one workflow thread so handlers never block. */
  private final List<Runnable> outbox = new ArrayList<>();

  @Override
  public ReleaseResult run(ReleaseRequest request) {
    this.request = request;
    this.spec = request.spec();
    List<SpecProblem> problems = SpecValidator.validate(spec, request.limits());
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          new InvalidSpecException(spec.releaseWorkflowId(), problems).getMessage(), "InvalidSpec");
    }
    this.notifier = new WorkflowNotifier(spec);
    for (RegionSpec r : spec.regions()) {
      regions.put(r.name(), RegionStatus.pending(r.name(), spec.strategy().stageCount()));
    }
    decide(
        DecisionKind.RELEASE_STARTED, request.requestedBy(), "release started", describeRelease());
    notifier.send(EventType.RELEASE_STARTED, null, 0, 0, describeRelease(), null);
    Async.procedure(this::deliverOutbox);

    CancellationScope main = Workflow.newCancellationScope(this::orchestrate);
    Async.procedure(
        () -> {
          Workflow.await(() -> abortRequest != null);
          main.cancel(abortRequest.reason());
        });
    try {
      main.run();
      return finish(null);
    } catch (ActivityFailure e) {
      if (!(e.getCause() instanceof CanceledFailure c)) {
        String why = "preflight failed, nothing moved: " + Failures.describe(e);
        decide(DecisionKind.RELEASE_ENDED, SYSTEM, "release failed", why);
        return finish(new Control(SYSTEM, why, null));
      }
      throw ended(c);
    } catch (PreflightRefused e) {
      String why = "preflight failed, nothing moved: " + e.getMessage();
      decide(DecisionKind.RELEASE_ENDED, SYSTEM, "release failed", why);
      return finish(new Control(SYSTEM, why, null));
    } catch (CanceledFailure e) {
      throw ended(e);
    }
  }

  /** The release was aborted or cancelled: wait for every region to compensate, then end. */
  private RuntimeException ended(CanceledFailure e) {
    boolean cancelled = abortRequest == null;
    if (cancelled) {
      abortRequest = new Control(SYSTEM, "release workflow cancelled", null);
    }
    ReleaseResult[] result = new ReleaseResult[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              awaitChildren();
              result[0] = finish(abortRequest);
            })
        .run();
    return cancelled ? e : failure(result[0]);
  }

  private void orchestrate() {
    preflight();
    if (spec.approval().gates().contains(ApprovalGate.RELEASE)) {
      awaitGate(GateId.release(), "start the release of " + spec.service() + " " + spec.version());
    }
    enter(ReleasePhase.ROLLING_OUT);
    List<RegionSpec> order = spec.regions();
    if (spec.rollout().mode() == RegionMode.PARALLEL) {
      for (RegionSpec r : order) {
        if (!startAllowed(r.name())) {
          continue;
        }
        startRegion(r.name());
      }
      Workflow.await(() -> children.keySet().stream().allMatch(n -> ready(n) || done(n)));
    } else {
      for (int i = 0; i < order.size(); i++) {
        String name = order.get(i).name();
        if (!startAllowed(name)) {
          continue;
        }
        startRegion(name);
        Workflow.await(() -> ready(name) || done(name));
        if (spec.rollout().mode() == RegionMode.DELAYED && i < order.size() - 1 && ready(name)) {
          enter(ReleasePhase.DELAY);
          decide(
              DecisionKind.DELAY,
              SYSTEM,
              "delay before next region",
              Quantities.format(spec.rollout().delay()) + " while " + name + " stays watched");
          namedWait(
              spec.rollout().delay(),
              "delay " + Quantities.format(spec.rollout().delay()) + " after " + name,
              () -> done(name));
          awaitResume();
          enter(ReleasePhase.ROLLING_OUT);
        }
      }
    }
    if (children.keySet().stream().anyMatch(n -> !done(n))) {
      enter(ReleasePhase.SOAKING);
      decide(
          DecisionKind.SOAK,
          SYSTEM,
          "soak started",
          Quantities.format(spec.soak()) + " with the final thresholds");
      namedWait(
          spec.soak(),
          "soak " + Quantities.format(spec.soak()),
          () -> children.keySet().stream().allMatch(this::done));
      awaitResume();
    }
    if (spec.approval().gates().contains(ApprovalGate.GO_LIVE)
        && children.keySet().stream().anyMatch(n -> !done(n))) {
      // The regions stay watched while the team signs off; one that rolls back ends the wait.
      awaitGate(
          GateId.goLive(),
          "declare " + spec.service() + " " + spec.version() + " live after the soak",
          () -> children.keySet().stream().allMatch(this::done));
    }
    enter(ReleasePhase.FINALIZING);
    for (String name : children.keySet()) {
      if (!done(name)) {
        toRegion(name, c -> c.finish(new Control(SYSTEM, "release finalized", name)));
      }
    }
    awaitChildren();
  }

  private void preflight() {
    enter(ReleasePhase.PREFLIGHT);
    Map<String, Promise<PreflightReport>> reports = new LinkedHashMap<>();
    for (RegionSpec r : spec.regions()) {
      reports.put(
          r.name(),
          Async.function(
              deploy::preflight,
              new DeployRequest(
                  spec.releaseWorkflowId(),
                  spec.service(),
                  spec.version(),
                  spec.image(),
                  null,
                  r,
                  null,
                  null)));
    }
    Promise.allOf(new ArrayList<>(reports.values())).get();
    reports.forEach(
        (name, p) -> {
          stableVersions.put(name, p.get().stableVersion());
          before.put(
              name, new ReleaseResult.Baseline(p.get().stableVersion(), p.get().stableImage()));
        });
    if (!spec.preflight().isEmpty()) {
      metricPreflight();
    }
    decide(DecisionKind.PREFLIGHT, SYSTEM, "preflight passed", "stable versions " + stableVersions);
  }

  /**
   * Judges the stable version of every region against the spec's preflight limits, before anything
   * moves; records the values as each region's baseline, or refuses the release naming them.
   */
  private void metricPreflight() {
    AnalysisActivities analysis =
        Workflow.newActivityStub(
            AnalysisActivities.class,
            ActivityPolicies.observation(spec.analysis().interval(), spec.analysis().interval()));
    Map<String, Promise<WindowSummary>> checks = new LinkedHashMap<>();
    for (RegionSpec r : spec.regions()) {
      checks.put(
          r.name(),
          Async.function(
              analysis::observe,
              ObservationRequest.preflight(
                  spec.releaseWorkflowId(), spec, r.name(), stableVersions.get(r.name()))));
    }
    List<String> refused = new ArrayList<>();
    checks.forEach(
        (name, p) -> {
          WindowSummary s = p.get();
          String values = ReleaseText.values(s);
          before.put(name, before.get(name).withChecks(s.last()));
          if (s.verdict() == Verdict.PASS) {
            decide(DecisionKind.PREFLIGHT, SYSTEM, "baseline of " + name, values);
          } else {
            refused.add(
                name + " (stable " + stableVersions.get(name) + "): " + s.reason() + values);
          }
        });
    if (!refused.isEmpty()) {
      throw new PreflightRefused(
          "the stable version is outside the preflight limits in " + String.join("; ", refused));
    }
  }

  /** The metric preflight refused the release; nothing has moved. */
  private static final class PreflightRefused extends RuntimeException {
    PreflightRefused(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether the region may start now; if not, marks it protected. Waits out a pause and gates. */
  private boolean startAllowed(String name) {
    if (halted()) {
      protect(name);
      return false;
    }
    if (spec.approval().gates().contains(ApprovalGate.REGION)) {
      awaitGate(GateId.region(name), "start region " + name);
      enter(ReleasePhase.ROLLING_OUT);
    }
    awaitResume();
    if (halted()) {
      protect(name);
      return false;
    }
    return true;
  }

  private boolean halted() {
    return spec.rollout().onRegionFailure() == RegionFailurePolicy.HALT
        && children.keySet().stream()
            .anyMatch(n -> done(n) && resultOf(n).outcome() != RegionOutcome.COMPLETED);
  }

  private void protect(String name) {
    String failed =
        children.keySet().stream()
            .filter(this::done)
            .map(this::resultOf)
            .filter(r -> r.outcome() != RegionOutcome.COMPLETED)
            .map(r -> r.region() + " " + Words.of(r.outcome()))
            .collect(Collectors.joining(", "));
    String why = "not started: " + failed + " and onRegionFailure is halt";
    regions.put(name, regions.get(name).withPhase(RegionPhase.PROTECTED, why));
    decide(DecisionKind.REGION_PROTECTED, SYSTEM, "region protected", name + " " + why);
    notifier.send(EventType.REGION_PROTECTED, name, 0, 0, name + " " + why, null);
    publishDetails();
  }

  private void startRegion(String name) {
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
    decide(DecisionKind.REGION_STARTED, SYSTEM, "region started", name);
    children.put(
        name,
        Async.function(
            child::run,
            new RegionRequest(spec, name, stableVersions.get(name), request.requestedBy())));
    Workflow.getWorkflowExecution(child).get();
    if (paused) {
      toRegion(name, c -> c.pause(new Control(SYSTEM, "release is paused", name)));
    }
    io.glidepath.line.LineFreeze stop = lineStop;
    if (stop != null) {
      toRegion(name, c -> c.lineStopped(stop));
    }
  }

  private void awaitGate(GateId id, String description) {
    awaitGate(id, description, () -> false);
  }

  /**
   * Waits for {@code id}'s approvals, escalating as the spec says, until the gate is satisfied,
   * times out (the spec's {@code onTimeout} applies), or becomes {@code moot}.
   */
  private void awaitGate(GateId id, String description, Supplier<Boolean> moot) {
    long now = Workflow.currentTimeMillis();
    Gate gate = new Gate(id, description, now, Deadlines.after(now, spec.approval().timeout()));
    gates.put(id.toString(), gate);
    ReleasePhase before = phase;
    enter(ReleasePhase.AWAITING_APPROVAL);
    notifier.send(
        EventType.APPROVAL_NEEDED,
        id.region(),
        0,
        0,
        "approval needed to " + description + ": " + missingText(gate),
        null);
    boolean approved =
        escalator("gate " + id + " waits for approval", id.region())
            .await(spec.approval().timeout(), () -> gate.satisfied(spec.approval()) || moot.get());
    gates.remove(id.toString());
    enter(before);
    if (approved) {
      if (gate.satisfied(spec.approval())) {
        decide(DecisionKind.GATE_APPROVED, SYSTEM, "gate approved", id.toString());
      }
      return;
    }
    String why =
        "approval gate " + id + " timed out after " + Quantities.format(spec.approval().timeout());
    if (spec.approval().onTimeout() == TimeoutOutcome.ABORT) {
      decide(DecisionKind.GATE_TIMED_OUT, SYSTEM, "gate timed out", why + "; aborting");
      abortRequest = new Control(SYSTEM, why, null);
      Workflow.await(() -> false);
    }
    decide(
        DecisionKind.GATE_TIMED_OUT,
        SYSTEM,
        "gate timed out, proceeding",
        why + " (onTimeout: proceed)");
  }

  /**
   * Waits up to {@code d} for {@code done} on a timer the Temporal Web UI shows as {@code summary}.
   * Releases started before named timers existed wait as they did.
   */
  private void namedWait(Duration d, String summary, Supplier<Boolean> done) {
    if (Workflow.getVersion(NAMED_WAITS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      Workflow.await(d, done);
      return;
    }
    Promise<Void> timer =
        Workflow.newTimer(d, TimerOptions.newBuilder().setSummary(summary).build());
    Workflow.await(() -> timer.isCompleted() || done.get());
  }

  private void awaitResume() {
    if (paused) {
      escalator("the release is paused", null).await(null, () -> !paused);
    }
  }

  /** The escalation of a step of the release that opens now. */
  private Escalator escalator(String what, String region) {
    return new Escalator(
        spec.approval().escalate(),
        Workflow.currentTimeMillis(),
        e -> {
          String message = what + ": open for " + Quantities.format(e.after());
          decide(DecisionKind.ESCALATED, SYSTEM, "escalated", message);
          notifier.escalate(region, 0, 0, message, e.webhook());
        });
  }

  private void awaitChildren() {
    for (Promise<RegionResult> p : children.values()) {
      try {
        p.get();
      } catch (ChildWorkflowFailure ignored) {
        // Read through resultOf: a region that rolled back is an outcome, not an error here.
      }
    }
  }

  private boolean ready(String name) {
    return regions.get(name).phase() == RegionPhase.WATCHING;
  }

  private boolean done(String name) {
    Promise<RegionResult> p = children.get(name);
    return p != null && p.isCompleted();
  }

  private RegionResult resultOf(String name) {
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

  /**
   * Ends the release: reads every region's outcome, tells people, and returns the result (or throws
   * it as a failure when the release failed).
   *
   * @param stoppedBy who or what stopped the release early (an abort, a failed preflight), or
   *     {@code null} when it ran to its end
   */
  private ReleaseResult finish(Control stoppedBy) {
    gates.clear(); // nothing is waiting for approval once the release ends

    List<RegionResult> results = spec.regions().stream().map(r -> resultOf(r.name())).toList();
    boolean allCompleted = results.stream().allMatch(r -> r.outcome() == RegionOutcome.COMPLETED);
    ReleasePhase end;
    if (stoppedBy != null && stoppedBy == abortRequest) {
      end = ReleasePhase.ABORTED;
    } else {
      end = stoppedBy == null && allCompleted ? ReleasePhase.COMPLETED : ReleasePhase.FAILED;
    }
    String summary = ReleaseText.summary(spec, end, results, stoppedBy);
    decide(
        DecisionKind.RELEASE_ENDED,
        stoppedBy == null ? SYSTEM : stoppedBy.by(),
        "release " + end.name().toLowerCase(),
        summary);
    enter(end);
    notifier.send(
        end == ReleasePhase.COMPLETED ? EventType.RELEASE_COMPLETED : EventType.RELEASE_FAILED,
        null,
        0,
        0,
        summary,
        null);
    notifier.send(EventType.SUMMARY, null, 0, 0, summary, null);
    notifier.drain();
    ReleaseResult result =
        new ReleaseResult(spec.releaseWorkflowId(), end, results, summary, before);
    if (end == ReleasePhase.FAILED) {
      throw failure(result);
    }
    return result;
  }

  private static ApplicationFailure failure(ReleaseResult result) {
    return ApplicationFailure.newNonRetryableFailure(
        result.summary(),
        result.phase() == ReleasePhase.ABORTED ? "ReleaseAborted" : "ReleaseFailed",
        result);
  }

  // ---- messages ----

  @Override
  public PendingApproval approve(Approval sent) {
    Gate gate = gate(sent.gate());
    Approval approval = Gate.canonical(spec.approval(), sent);
    gate.add(spec.approval(), approval);
    decide(
        DecisionKind.APPROVED,
        approval.approver(),
        approval.identity(),
        "approved " + gate.id + (approval.role() == null ? "" : " as " + approval.role()),
        approval.comment());
    notifier.send(
        EventType.APPROVED,
        gate.id.region(),
        0,
        0,
        approval.approver() + " approved " + gate.id + ": " + missingText(gate),
        null);
    if (gate.satisfied(spec.approval()) && gate.id.kind() == GateId.Kind.STAGE) {
      toRegion(gate.id.region(), c -> c.gateApproved(gate.id.toString()));
    }
    publishDetails();
    return gate.view(spec.approval());
  }

  @Override
  public void validateApprove(Approval approval) {
    MessageLimits.identityProblem(approval.approver())
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("the approver " + p);
            });
    refuseOversized(
        Bounded.tooLong("--by", approval.approver(), Bounded.MAX_NAME),
        Bounded.tooLong("--role", approval.role(), Bounded.MAX_NAME),
        Bounded.tooLong("--comment", approval.comment(), Bounded.MAX_TEXT),
        Bounded.tooLong("--gate", approval.gate(), Bounded.MAX_NAME));
    if (spec == null || phase.finished()) {
      throw new IllegalArgumentException("the release has ended; there is nothing to approve");
    }
    String rejection =
        gate(approval.gate()).rejection(spec.approval(), request.requestedBy(), approval);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection);
    }
  }

  private static void refuseOversized(String... problems) {
    for (String p : problems) {
      if (p != null) {
        throw new IllegalArgumentException(p);
      }
    }
  }

  private Gate gate(String id) {
    if (id == null || id.isBlank()) {
      if (gates.size() == 1) {
        return gates.values().iterator().next();
      }
      throw new IllegalArgumentException(
          gates.isEmpty()
              ? "no approval gate is open"
              : gates.size()
                  + " gates are open ("
                  + String.join(", ", gates.keySet())
                  + "); name one");
    }
    Gate g = gates.get(GateId.parse(id).toString());
    if (g == null) {
      throw new IllegalArgumentException(
          "gate "
              + id
              + " is not open; open gates: "
              + (gates.isEmpty() ? "none" : String.join(", ", gates.keySet())));
    }
    return g;
  }

  @Override
  public String rollbackRegion(Control sent) {
    Control control = Bounded.control(sent);
    decide(
        DecisionKind.ROLLBACK_REQUESTED,
        control.by(),
        control.identity(),
        "rollback of " + control.region() + " requested",
        control.reason());
    toRegion(control.region(), c -> c.rollback(control));
    return "rollback of " + control.region() + " requested";
  }

  @Override
  public void validateRollbackRegion(Control control) {
    refuseOversized(
        Bounded.tooLong("--by", control.by(), Bounded.MAX_NAME),
        Bounded.tooLong("--reason", control.reason(), Bounded.MAX_TEXT));
    requireRunning(control.region(), "roll back");
  }

  /** Refuses a region this release does not have, or one that is not running. */
  private void requireRunning(String name, String verb) {
    if (spec == null || name == null || !regions.containsKey(name)) {
      throw new IllegalArgumentException(
          "no region "
              + name
              + " in this release; regions: "
              + String.join(", ", regions.keySet()));
    }
    if (!children.containsKey(name) || done(name)) {
      throw new IllegalArgumentException(
          name
              + " is not running ("
              + Words.of(regions.get(name).phase())
              + "); nothing to "
              + verb);
    }
  }

  @Override
  public String promote(Promotion sent) {
    Promotion p =
        new Promotion(
            Bounded.text(sent.by(), Bounded.MAX_NAME),
            Bounded.text(sent.reason(), Bounded.MAX_TEXT),
            sent.region(),
            sent.full(),
            Bounded.text(sent.identity(), Bounded.MAX_NAME));
    List<String> targets = promotable(p);
    String what = (p.full() ? "full promotion of " : "promotion of ") + String.join(", ", targets);
    decide(DecisionKind.PROMOTED_EARLY, p.by(), p.identity(), what + " requested", p.reason());
    for (String name : targets) {
      toRegion(name, c -> c.promote(p));
    }
    return what + " requested";
  }

  @Override
  public void validatePromote(Promotion p) {
    refuseOversized(
        Bounded.tooLong("--by", p.by(), Bounded.MAX_NAME),
        Bounded.tooLong("--reason", p.reason(), Bounded.MAX_TEXT));
    if (spec == null || phase.finished()) {
      throw new IllegalArgumentException("the release has ended; there is nothing to promote");
    }
    for (String name : promotable(p)) {
      RegionStatus r = regions.get(name);
      String refusal =
          switch (r.phase()) {
            case HOLDING -> name + " holds (" + r.reason() + "); resume it instead";
            case AWAITING_APPROVAL ->
                name + " waits for approval of " + r.pendingGate() + "; approve it instead";
            case WATCHING, PROMOTING, FINALIZING, ROLLING_BACK ->
                name + " is " + Words.of(r.phase()) + "; nothing to promote";
            default -> null;
          };
      if (refusal == null && p.full()) {
        refusal = gateAhead(name, r.stage());
      }
      if (refusal != null) {
        throw new IllegalArgumentException(refusal);
      }
    }
  }

  /** The running regions a promotion is for; refuses an unknown or finished region. */
  private List<String> promotable(Promotion p) {
    if (p.region() == null || p.region().isBlank()) {
      List<String> running = children.keySet().stream().filter(n -> !done(n)).toList();
      if (running.isEmpty()) {
        throw new IllegalArgumentException("no region is running; nothing to promote");
      }
      return running;
    }
    requireRunning(p.region(), "promote");
    return List.of(p.region());
  }

  /** Why a full promotion of {@code region} from {@code stage} would pass a stage gate, or null. */
  private String gateAhead(String region, int stage) {
    var canary = spec.strategy().canary();
    if (canary == null) {
      return null;
    }
    for (int i = stage; i < canary.stages().size(); i++) {
      if (canary.stages().get(i).gate()) {
        return "stage "
            + (i + 1)
            + " of "
            + region
            + " has an approval gate; a full promotion cannot pass it: promote stage by stage"
            + " and approve the gate";
      }
    }
    return null;
  }

  @Override
  public void lineStopped(io.glidepath.line.LineFreeze freeze) {
    lineStop = freeze;
    decide(DecisionKind.PAUSED, freeze.by(), freeze.identity(), "line stopped", freeze.describe());
    forEachRunning(c -> c.lineStopped(freeze));
    publishDetails();
  }

  @Override
  public void lineResumed(io.glidepath.line.LineFreeze freeze) {
    lineStop = null;
    decide(DecisionKind.RESUMED, freeze.by(), freeze.identity(), "line resumed", freeze.describe());
    forEachRunning(c -> c.lineResumed(freeze));
    publishDetails();
  }

  @Override
  public void abort(Control sent) {
    Control control = Bounded.control(sent);
    if (abortRequest == null && !phase.finished()) {
      decide(
          DecisionKind.ABORT_REQUESTED,
          control.by(),
          control.identity(),
          "abort requested",
          control.reason());
      abortRequest = control;
    }
  }

  @Override
  public void pause(Control sent) {
    Control control = Bounded.control(sent);
    paused = true;
    decide(DecisionKind.PAUSED, control.by(), control.identity(), "paused", control.reason());
    forEachRunning(c -> c.pause(control));
    publishDetails();
  }

  @Override
  public void resume(Control sent) {
    Control control = Bounded.control(sent);
    paused = false;
    decide(DecisionKind.RESUMED, control.by(), control.identity(), "resumed", control.reason());
    forEachRunning(c -> c.resume(control));
    publishDetails();
  }

  @Override
  public void regionProgress(RegionStatus status) {
    regions.put(status.region(), status);
    gates
        .values()
        .removeIf(
            g ->
                g.id.kind() == GateId.Kind.STAGE
                    && g.id.region().equals(status.region())
                    && !g.id.toString().equals(status.pendingGate()));
    if (status.pendingGate() != null && !gates.containsKey(status.pendingGate())) {
      long now = Workflow.currentTimeMillis();
      gates.put(
          status.pendingGate(),
          new Gate(
              GateId.parse(status.pendingGate()),
              "shift " + status.region() + " to stage " + (status.stage()),
              now,
              Deadlines.after(now, spec.approval().timeout())));
    }
    publishDetails();
  }

  @Override
  public ReleaseStatus status() {
    return new ReleaseStatus(
        spec == null ? null : spec.releaseWorkflowId(),
        spec == null ? null : spec.service(),
        spec == null ? null : spec.version(),
        request == null ? null : request.requestedBy(),
        phase,
        paused,
        new ArrayList<>(regions.values()),
        gates.values().stream().map(g -> g.view(spec.approval())).toList(),
        timeline.entries());
  }

  // ---- helpers ----

  private void forEachRunning(Consumer<RegionRolloutWorkflow> action) {
    for (String name : children.keySet()) {
      if (!done(name)) {
        toRegion(name, action);
      }
    }
  }

  private void toRegion(String name, Consumer<RegionRolloutWorkflow> action) {
    outbox.add(
        () ->
            action.accept(
                Workflow.newExternalWorkflowStub(
                    RegionRolloutWorkflow.class, spec.regionWorkflowId(name))));
  }

  private void deliverOutbox() {
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

  private void enter(ReleasePhase next) {
    phase = next;
    // Visibility (issue 14): service, version, author and phase as search attributes.
    SearchAttributes.upsert(
        spec.service(), spec.version(), request == null ? null : request.requestedBy(), next);
    publishDetails();
  }

  private void decide(DecisionKind kind, String who, String what, String why) {
    timeline.record(Workflow.currentTimeMillis(), kind, who, what, why);
  }

  /** A person's decision, with the client identity it came from beside the name they gave. */
  private void decide(DecisionKind kind, String who, String identity, String what, String why) {
    timeline.record(Workflow.currentTimeMillis(), kind, who, identity, what, why);
  }

  private void publishDetails() {
    Workflow.setCurrentDetails(
        ReleaseText.details(spec, phase, paused, regions.values(), gates.keySet()));
  }

  private String missingText(Gate gate) {
    return ReleaseText.missing(gate.missing(spec.approval()));
  }

  private String describeRelease() {
    return ReleaseText.describe(spec, request.requestedBy());
  }
}
