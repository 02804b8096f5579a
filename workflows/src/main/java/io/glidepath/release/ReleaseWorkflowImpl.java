package io.glidepath.release;

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
import io.glidepath.status.Control;
import io.glidepath.status.Decision;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.SearchAttributes;
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
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/** See {@link ReleaseWorkflow}. */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private static final Logger log = Workflow.getLogger(ReleaseWorkflowImpl.class);
  private static final String SYSTEM = "glidepath";

  private final DeploymentActivities deploy =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.forward());
  private WorkflowNotifier notifier;

  private ReleaseRequest request;
  private ReleaseSpec spec;
  private ReleasePhase phase = ReleasePhase.PREFLIGHT;
  private boolean paused;
  private Control abortRequest;
  private final Map<String, RegionStatus> regions = new LinkedHashMap<>();
  private final Map<String, String> stableVersions = new LinkedHashMap<>();
  private final Map<String, Promise<RegionResult>> children = new LinkedHashMap<>();
  private final Map<String, Gate> gates = new LinkedHashMap<>();
  private final List<Decision> timeline = new ArrayList<>();

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
    decide(request.requestedBy(), "release started", describeRelease());
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
        decide(SYSTEM, "release failed", why);
        return finish(new Control(SYSTEM, why, null));
      }
      throw ended(c);
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
      awaitGate("release", "start the release of " + spec.service() + " " + spec.version());
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
              SYSTEM,
              "delay before next region",
              Quantities.format(spec.rollout().delay()) + " while " + name + " stays watched");
          Workflow.await(spec.rollout().delay(), () -> done(name));
          awaitResume();
          enter(ReleasePhase.ROLLING_OUT);
        }
      }
    }
    if (children.keySet().stream().anyMatch(n -> !done(n))) {
      enter(ReleasePhase.SOAKING);
      decide(SYSTEM, "soak started", Quantities.format(spec.soak()) + " with the final thresholds");
      Workflow.await(spec.soak(), () -> children.keySet().stream().allMatch(this::done));
      awaitResume();
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
    reports.forEach((name, p) -> stableVersions.put(name, p.get().stableVersion()));
    decide(SYSTEM, "preflight passed", "stable versions " + stableVersions);
  }

  /** Whether the region may start now; if not, marks it protected. Waits out a pause and gates. */
  private boolean startAllowed(String name) {
    if (halted()) {
      protect(name);
      return false;
    }
    if (spec.approval().gates().contains(ApprovalGate.REGION)) {
      awaitGate("region:" + name, "start region " + name);
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
    decide(SYSTEM, "region protected", name + " " + why);
    notifier.send(EventType.REGION_PROTECTED, name, 0, 0, name + " " + why, null);
    publishDetails();
  }

  private void startRegion(String name) {
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(spec.regionWorkflowId(name))
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
            .build();
    RegionRolloutWorkflow child =
        Workflow.newChildWorkflowStub(RegionRolloutWorkflow.class, options);
    decide(SYSTEM, "region started", name);
    children.put(
        name,
        Async.function(
            child::run,
            new RegionRequest(spec, name, stableVersions.get(name), request.requestedBy())));
    Workflow.getWorkflowExecution(child).get();
    if (paused) {
      toRegion(name, c -> c.pause(new Control(SYSTEM, "release is paused", name)));
    }
  }

  private void awaitGate(String id, String description) {
    long now = Workflow.currentTimeMillis();
    Gate gate = new Gate(id, description, now, now + spec.approval().timeout().toMillis());
    gates.put(id, gate);
    ReleasePhase before = phase;
    enter(ReleasePhase.AWAITING_APPROVAL);
    notifier.send(
        EventType.APPROVAL_NEEDED,
        id.startsWith("region:") ? id.substring(7) : null,
        0,
        0,
        "approval needed to " + description + ": " + missingText(gate),
        null);
    boolean approved =
        Workflow.await(spec.approval().timeout(), () -> gate.satisfied(spec.approval()));
    gates.remove(id);
    enter(before);
    if (approved) {
      return;
    }
    String why =
        "approval gate " + id + " timed out after " + Quantities.format(spec.approval().timeout());
    if (spec.approval().onTimeout() == TimeoutOutcome.ABORT) {
      decide(SYSTEM, "gate timed out", why + "; aborting");
      abortRequest = new Control(SYSTEM, why, null);
      Workflow.await(() -> false);
    }
    decide(SYSTEM, "gate timed out, proceeding", why + " (onTimeout: proceed)");
  }

  private void awaitResume() {
    if (paused) {
      Workflow.await(() -> !paused);
    }
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
    List<RegionResult> results = spec.regions().stream().map(r -> resultOf(r.name())).toList();
    boolean allCompleted = results.stream().allMatch(r -> r.outcome() == RegionOutcome.COMPLETED);
    ReleasePhase end;
    if (stoppedBy != null && stoppedBy == abortRequest) {
      end = ReleasePhase.ABORTED;
    } else {
      end = stoppedBy == null && allCompleted ? ReleasePhase.COMPLETED : ReleasePhase.FAILED;
    }
    String summary = summarize(end, results, stoppedBy);
    decide(
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
    ReleaseResult result = new ReleaseResult(spec.releaseWorkflowId(), end, results, summary);
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

  private String summarize(ReleasePhase end, List<RegionResult> results, Control stoppedBy) {
    StringBuilder out =
        new StringBuilder(spec.service() + " " + spec.version() + " " + end.name().toLowerCase());
    if (stoppedBy != null) {
      out.append(" (").append(stoppedBy.by()).append(": ").append(stoppedBy.reason()).append(")");
    }
    out.append(". ");
    out.append(
        results.stream()
            .map(
                r ->
                    r.region()
                        + ": "
                        + Words.of(r.outcome())
                        + (r.outcome() == RegionOutcome.ROLLED_BACK
                                || r.outcome() == RegionOutcome.FAILED
                            ? " at stage " + r.stage() + " (" + r.reason() + ")"
                            : ""))
            .collect(Collectors.joining("; ")));
    return out.toString();
  }

  // ---- messages ----

  @Override
  public PendingApproval approve(Approval approval) {
    Gate gate = gate(approval.gate());
    gate.add(approval);
    decide(
        approval.approver(),
        "approved " + gate.id + (approval.role() == null ? "" : " as " + approval.role()),
        approval.comment());
    notifier.send(
        EventType.APPROVED,
        regionOfGate(gate.id),
        0,
        0,
        approval.approver() + " approved " + gate.id + ": " + missingText(gate),
        null);
    if (gate.satisfied(spec.approval()) && gate.id.startsWith("stage:")) {
      String region = regionOfGate(gate.id);
      toRegion(region, c -> c.gateApproved(gate.id));
    }
    publishDetails();
    return gate.view(spec.approval());
  }

  @Override
  public void validateApprove(Approval approval) {
    if (spec == null || phase.finished()) {
      throw new IllegalArgumentException("the release has ended; there is nothing to approve");
    }
    String rejection =
        gate(approval.gate()).rejection(spec.approval(), request.requestedBy(), approval);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection);
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
    Gate g = gates.get(id);
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
  public String rollbackRegion(Control control) {
    decide(control.by(), "rollback of " + control.region() + " requested", control.reason());
    toRegion(control.region(), c -> c.rollback(control));
    return "rollback of " + control.region() + " requested";
  }

  @Override
  public void validateRollbackRegion(Control control) {
    String name = control.region();
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
              + regions.get(name).phase().name().toLowerCase()
              + "); nothing to roll back");
    }
  }

  @Override
  public void abort(Control control) {
    if (abortRequest == null && !phase.finished()) {
      decide(control.by(), "abort requested", control.reason());
      abortRequest = control;
    }
  }

  @Override
  public void pause(Control control) {
    paused = true;
    decide(control.by(), "paused", control.reason());
    forEachRunning(c -> c.pause(control));
    publishDetails();
  }

  @Override
  public void resume(Control control) {
    paused = false;
    decide(control.by(), "resumed", control.reason());
    forEachRunning(c -> c.resume(control));
    publishDetails();
  }

  @Override
  public void regionProgress(RegionStatus status) {
    regions.put(status.region(), status);
    gates
        .keySet()
        .removeIf(
            id ->
                id.startsWith("stage:" + status.region() + ":")
                    && !id.equals(status.pendingGate()));
    if (status.pendingGate() != null && !gates.containsKey(status.pendingGate())) {
      long now = Workflow.currentTimeMillis();
      gates.put(
          status.pendingGate(),
          new Gate(
              status.pendingGate(),
              "shift " + status.region() + " to stage " + (status.stage()),
              now,
              now + spec.approval().timeout().toMillis()));
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
        timeline);
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

  private void decide(String who, String what, String why) {
    timeline.add(new Decision(Workflow.currentTimeMillis(), who, what, why));
  }

  private void publishDetails() {
    StringBuilder md =
        new StringBuilder(
            "**"
                + spec.service()
                + " "
                + spec.version()
                + "**: "
                + Words.of(phase)
                + (paused ? " (paused)" : "")
                + "\n\n| region | phase | stage | weight | last verdict |\n|---|---|---|---|---|\n");
    for (RegionStatus r : regions.values()) {
      md.append("| ")
          .append(r.region())
          .append(" | ")
          .append(Words.of(r.phase()))
          .append(" | ")
          .append(r.stage())
          .append("/")
          .append(r.stages())
          .append(" | ")
          .append(r.weight())
          .append("% | ")
          .append(r.lastVerdict() == null ? "-" : r.lastVerdict().verdict().name().toLowerCase())
          .append(" |\n");
    }
    if (!gates.isEmpty()) {
      md.append("\nwaiting for approval: ").append(String.join(", ", gates.keySet()));
    }
    Workflow.setCurrentDetails(md.toString());
  }

  private String missingText(Gate gate) {
    Map<String, Integer> missing = gate.missing(spec.approval());
    return missing.isEmpty()
        ? "approved"
        : "still needs "
            + missing.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(" and "));
  }

  private static String regionOfGate(String id) {
    String[] parts = id.split(":");
    return parts.length > 1 ? parts[1] : null;
  }

  private String describeRelease() {
    return spec.service()
        + " "
        + spec.version()
        + " to "
        + spec.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", "))
        + " ("
        + spec.rollout().mode().id()
        + ", "
        + spec.strategy().type().id()
        + ", requested by "
        + request.requestedBy()
        + ")";
  }
}
