package io.glidepath.region;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.deploy.DeployRequest;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.OutcomePolicy;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.notify.EventType;
import io.glidepath.notify.WorkflowNotifier;
import io.glidepath.release.ActivityPolicies;
import io.glidepath.release.Failures;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Control;
import io.glidepath.status.Decision;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;
import io.glidepath.traffic.TrafficActivities;
import io.glidepath.traffic.TrafficChange;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** See {@link RegionRolloutWorkflow}. */
public class RegionRolloutWorkflowImpl implements RegionRolloutWorkflow {
  static final String SYSTEM = "glidepath";

  private final TrafficActivities traffic =
      Workflow.newActivityStub(TrafficActivities.class, ActivityPolicies.forward());
  private final TrafficActivities trafficUndo =
      Workflow.newActivityStub(TrafficActivities.class, ActivityPolicies.compensation());
  private final DeploymentActivities deploy =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.rollout());
  private final DeploymentActivities deployUndo =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.compensation());
  private AnalysisActivities analysis;
  private WorkflowNotifier notifier;

  private RegionRequest request;
  private ReleaseSpec spec;
  private RegionSpec region;
  private DeployRequest deployRequest;

  private RegionPhase phase = RegionPhase.PENDING;
  private long windowStartMillis;
  private long windowEndMillis;
  private int stage;
  private int weight;
  private final List<Integer> weightsPassed = new ArrayList<>();
  private boolean paused;
  private WindowSummary lastVerdict;
  private String pendingGate;
  private String reason;
  private final List<Decision> timeline = new ArrayList<>();
  private final Set<String> approvedGates = new HashSet<>();
  private Control rollbackRequest;
  private boolean finishRequested;
  private RegionStatus lastReported;

  @Override
  public RegionResult run(RegionRequest request) {
    this.request = request;
    this.spec = request.spec();
    this.region = spec.region(request.region());
    AnalysisSpec a = spec.analysis();
    this.analysis =
        Workflow.newActivityStub(
            AnalysisActivities.class, ActivityPolicies.observation(a.maxWindow(), a.interval()));
    this.notifier = new WorkflowNotifier(spec);
    this.deployRequest = deployRequest();
    Saga saga =
        new Saga(
            new Saga.Options.Builder()
                .setParallelCompensation(false)
                .setContinueWithError(true)
                .build());
    try {
      decide(SYSTEM, "region started", spec.strategy().type().id() + " of " + spec.version());
      notifier.send(EventType.REGION_STARTED, region.name(), 0, 0, describeStart(), null);
      switch (spec.strategy().type()) {
        case CANARY -> canary(saga);
        case BLUE_GREEN -> blueGreen(saga);
        case ROLLING -> rolling(saga);
      }
      enter(RegionPhase.WATCHING, null);
      notifier.send(
          EventType.REGION_COMPLETED,
          region.name(),
          stage,
          weight,
          region.name()
              + " serves "
              + spec.version()
              + " at 100% and stays watched until the release finalizes",
          lastVerdict == null ? null : lastVerdict.last());
      watchUntil(spec.strategy().finalThresholds(), () -> finishRequested, null);
      enter(RegionPhase.FINALIZING, null);
      if (spec.strategy().type() != StrategyType.ROLLING) {
        deploy.retireStable(deployRequest);
        decide(SYSTEM, "old version retired", request.stableVersion() + " scaled down");
      }
      enter(RegionPhase.COMPLETED, null);
      notifier.drain();
      return result(RegionOutcome.COMPLETED);
    } catch (RegionRollback r) {
      throw compensate(saga, r.outcome, r.actor, r.getMessage(), r.verdict);
    } catch (ActivityFailure f) {
      if (f.getCause() instanceof CanceledFailure c) {
        throw aborted(saga, c);
      }
      throw compensate(saga, RegionOutcome.FAILED, SYSTEM, Failures.describe(f), lastVerdict);
    } catch (CanceledFailure c) {
      throw aborted(saga, c);
    }
  }

  /** The release was aborted or cancelled: compensate, then end cancelled. */
  private CanceledFailure aborted(Saga saga, CanceledFailure c) {
    compensate(saga, RegionOutcome.ABORTED, SYSTEM, "release aborted", lastVerdict);
    return c;
  }

  // ---- strategies ----

  private void canary(Saga saga) {
    deployNewVersion(saga);
    verifyNewVersion(Defaults.HEALTH_CHECK_TRIES, Defaults.HEALTH_CHECK_INTERVAL);
    saga.addCompensation(this::restoreTraffic);
    List<StageSpec> stages = spec.strategy().canary().stages();
    for (int i = 0; i < stages.size(); i++) {
      StageSpec s = stages.get(i);
      stage = i + 1;
      if (s.gate()) {
        awaitGate(
            "stage:" + region.name() + ":" + stage, stages.get(Math.max(0, i - 1)).thresholds());
      }
      shift(s.weight());
      observe(s.hold(), s.thresholds());
      weightsPassed.add(s.weight());
      decide(SYSTEM, "stage " + stage + " passed", weight + "%: " + verdictText());
      notifier.send(
          EventType.STAGE_PASSED,
          region.name(),
          stage,
          weight,
          "stage " + stage + "/" + stages.size() + " at " + weight + "% passed",
          lastVerdict == null ? null : lastVerdict.last());
      if (paused) {
        hold(pausedReason(), s.thresholds());
      }
    }
  }

  private void blueGreen(Saga saga) {
    deployNewVersion(saga);
    var bg = spec.strategy().blueGreen();
    verifyNewVersion(bg.healthCheckTries(), bg.healthCheckInterval());
    saga.addCompensation(this::restoreTraffic);
    stage = 1;
    shift(100);
    observe(bg.rollbackWindow(), bg.thresholds());
    decide(SYSTEM, "rollback window passed", Quantities.format(bg.rollbackWindow()) + " at 100%");
  }

  private void rolling(Saga saga) {
    var r = spec.strategy().rolling();
    enter(RegionPhase.DEPLOYING, null);
    saga.addCompensation(deployUndo::undoRollingUpdate, deployRequest);
    deploy.rollingUpdate(deployRequest);
    stage = 1;
    weight = 100;
    decide(SYSTEM, "rolling update done", spec.version() + " rolled out in place");
    observe(r.hold(), r.thresholds());
  }

  private void deployNewVersion(Saga saga) {
    enter(RegionPhase.DEPLOYING, null);
    saga.addCompensation(deployUndo::scaleDownNew, deployRequest);
    deploy.deployNew(deployRequest);
    decide(SYSTEM, "new version deployed", spec.image() + " beside " + request.stableVersion());
  }

  /** Checks the new version up to {@code tries} times, {@code interval} apart. */
  private void verifyNewVersion(int tries, Duration interval) {
    enter(RegionPhase.VERIFYING, null);
    Workflow.newActivityStub(
            DeploymentActivities.class, ActivityPolicies.healthCheck(tries, interval))
        .verifyHealthy(deployRequest);
    decide(SYSTEM, "new version healthy", "pods ready, smoke checks passed");
  }

  private void shift(int to) {
    enter(RegionPhase.SHIFTING, null);
    traffic.setWeight(change(to));
    weight = to;
    decide(SYSTEM, "traffic shifted", to + "% on " + spec.version());
  }

  /** Compensation: all traffic back on stable, step by step when the spec asks for it. */
  private void restoreTraffic() {
    boolean staged =
        spec.strategy().type() == StrategyType.CANARY
            && spec.strategy().canary().rollback() == RollbackMode.STAGED;
    if (staged) {
      for (int i = weightsPassed.size() - 1; i >= 0; i--) {
        int w = weightsPassed.get(i);
        if (w < weight) {
          trafficUndo.setWeight(change(w));
          weight = w;
          Workflow.sleep(spec.analysis().interval());
        }
      }
    }
    trafficUndo.setWeight(change(0));
    weight = 0;
  }

  // ---- observation ----

  /** Observes {@code hold} in windows of at most maxWindow and applies the spec's policies. */
  private void observe(Duration hold, Map<String, Double> thresholds) {
    Duration remaining = hold;
    while (remaining.compareTo(Duration.ZERO) > 0) {
      Duration w = min(remaining, spec.analysis().maxWindow());
      enter(RegionPhase.OBSERVING, null);
      judge(window(w, thresholds, () -> false, s -> s.verdict() != Verdict.PASS), thresholds);
      remaining = remaining.minus(w);
    }
  }

  private void judge(WindowSummary s, Map<String, Double> thresholds) {
    lastVerdict = s;
    switch (s.verdict()) {
      case PASS -> {}
      case FAIL -> throw new RegionRollback(RegionOutcome.ROLLED_BACK, SYSTEM, s.reason(), s);
      case INCONCLUSIVE ->
          apply(spec.analysis().noData(), "no usable data: " + s.reason(), s, thresholds);
      case ERROR ->
          apply(spec.analysis().onError(), "metrics unavailable: " + s.reason(), s, thresholds);
    }
  }

  private void apply(
      OutcomePolicy policy, String why, WindowSummary s, Map<String, Double> thresholds) {
    switch (policy) {
      case ROLLBACK -> throw new RegionRollback(RegionOutcome.ROLLED_BACK, SYSTEM, why, s);
      case PROCEED -> {
        decide(SYSTEM, "proceeding without a verdict", why + " (policy: proceed)");
        notifier.send(
            EventType.ATTENTION, region.name(), stage, weight, "proceeding: " + why, s.last());
      }
      case HOLD -> {
        notifier.send(
            EventType.ATTENTION,
            region.name(),
            stage,
            weight,
            "holding at " + weight + "% until someone resumes or rolls back: " + why,
            s.last());
        hold(why, thresholds);
      }
    }
  }

  /** Holds at the current weight, still watched, until a person resumes. */
  private void hold(String why, Map<String, Double> thresholds) {
    paused = true;
    decide(SYSTEM, "holding", why);
    enter(RegionPhase.HOLDING, why);
    watchUntil(thresholds, () -> !paused, null);
    enter(RegionPhase.OBSERVING, null);
  }

  /**
   * Watches windows until {@code until} holds or {@code limit} passes (no limit when {@code null});
   * a failed window rolls back. Returns whether {@code until} became true.
   */
  private boolean watchUntil(
      Map<String, Double> thresholds, BooleanSupplier until, Duration limit) {
    long deadline =
        limit == null ? Long.MAX_VALUE : Workflow.currentTimeMillis() + limit.toMillis();
    boolean alerted = false;
    while (!until.getAsBoolean()) {
      long left = deadline - Workflow.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      Duration w = min(Duration.ofMillis(left), spec.analysis().maxWindow());
      WindowSummary s = window(w, thresholds, until, this::rollsBack);
      if (s == null) {
        continue;
      }
      lastVerdict = s;
      if (rollsBack(s)) {
        throw new RegionRollback(RegionOutcome.ROLLED_BACK, SYSTEM, s.reason(), s);
      }
      if (s.verdict() != Verdict.PASS && !alerted) {
        notifier.send(EventType.ATTENTION, region.name(), stage, weight, s.reason(), s.last());
      }
      alerted = s.verdict() != Verdict.PASS;
    }
    return true;
  }

  /** While watching, only a failure or a policy that says rollback acts before the window ends. */
  private boolean rollsBack(WindowSummary s) {
    OutcomePolicy policy =
        s.verdict() == Verdict.ERROR ? spec.analysis().onError() : spec.analysis().noData();
    return s.verdict() == Verdict.FAIL
        || (s.verdict() != Verdict.PASS && policy == OutcomePolicy.ROLLBACK);
  }

  /**
   * One observation window: a durable timer for its length and one heartbeating activity for its
   * checks. Returns the summary once the timer fired, or at once when the activity's summary {@code
   * endsEarly}, or {@code null} when {@code until} became true first.
   */
  private WindowSummary window(
      Duration length,
      Map<String, Double> thresholds,
      BooleanSupplier until,
      Predicate<WindowSummary> endsEarly) {
    ObservationRequest req = observation(length, thresholds);
    windowStartMillis = Workflow.currentTimeMillis();
    windowEndMillis = windowStartMillis + length.toMillis();
    try {
      return awaitWindow(req, length, until, endsEarly);
    } finally {
      windowStartMillis = 0;
      windowEndMillis = 0;
    }
  }

  private WindowSummary awaitWindow(
      ObservationRequest req,
      Duration length,
      BooleanSupplier until,
      Predicate<WindowSummary> endsEarly) {
    List<Promise<WindowSummary>> running = new ArrayList<>(1);
    CancellationScope checksScope =
        Workflow.newCancellationScope(() -> running.add(Async.function(analysis::observe, req)));
    checksScope.run();
    Promise<WindowSummary> checks = running.get(0);
    // The timer is never cancelled: a window that ends early leaves it to fire unheard. Cancelling
    // a timer that fires in the same instant is a race the time-skipping test server mishandles.
    Promise<Void> timer = Workflow.newTimer(length);
    Workflow.await(
        () ->
            rollbackRequest != null
                || until.getAsBoolean()
                || (checks.isCompleted()
                    && (timer.isCompleted() || endsEarly.test(summary(checks)))));
    boolean checked = checks.isCompleted();
    if (!checked) {
      checksScope.cancel();
    }
    rollbackIfRequested();
    if (!checked || (!timer.isCompleted() && !endsEarly.test(summary(checks)))) {
      return null;
    }
    return summary(checks);
  }

  /** The activity's summary; an analysis that failed outright is a provider error. */
  private static WindowSummary summary(Promise<WindowSummary> checks) {
    if (checks.getFailure() == null) {
      return checks.get();
    }
    return new WindowSummary(
        Verdict.ERROR,
        0,
        0,
        0,
        0,
        1,
        List.of(),
        "analysis failed: " + Failures.describe(checks.getFailure()));
  }

  private void rollbackIfRequested() {
    if (rollbackRequest != null) {
      throw new RegionRollback(
          RegionOutcome.ROLLED_BACK,
          rollbackRequest.by(),
          "rolled back by " + rollbackRequest.by() + ": " + rollbackRequest.reason(),
          lastVerdict);
    }
  }

  private ObservationRequest observation(Duration length, Map<String, Double> thresholds) {
    return ObservationRequest.of(
        Workflow.getInfo().getWorkflowId(),
        spec,
        region.name(),
        request.stableVersion(),
        thresholds,
        length);
  }

  // ---- gates ----

  private void awaitGate(String gateId, Map<String, Double> watchWith) {
    Duration timeout = spec.approval().timeout();
    pendingGate = gateId;
    enter(RegionPhase.AWAITING_APPROVAL, null);
    notifier.send(
        EventType.APPROVAL_NEEDED,
        region.name(),
        stage,
        weight,
        "approval needed for gate " + gateId + " (" + Quantities.format(timeout) + " to decide)",
        null);
    BooleanSupplier approved = () -> approvedGates.contains(gateId);
    boolean decided =
        weight == 0
            ? Workflow.await(timeout, () -> approved.getAsBoolean() || rollbackRequest != null)
            : watchUntil(watchWith, approved, timeout);
    rollbackIfRequested();
    pendingGate = null;
    if (decided) {
      decide(SYSTEM, "gate approved", gateId);
      return;
    }
    String why = "approval gate " + gateId + " timed out after " + Quantities.format(timeout);
    if (spec.approval().onTimeout() == TimeoutOutcome.ABORT) {
      throw new RegionRollback(RegionOutcome.ABORTED, SYSTEM, why, lastVerdict);
    }
    decide(SYSTEM, "gate timed out, proceeding", why + " (onTimeout: proceed)");
  }

  // ---- compensation and results ----

  /**
   * Puts the region back on stable and returns the failure that ends it. Runs detached from the
   * workflow's scope, so an abort or cancel arriving meanwhile never interrupts it.
   */
  private ApplicationFailure compensate(
      Saga saga, RegionOutcome outcome, String actor, String why, WindowSummary verdict) {
    ApplicationFailure[] end = new ApplicationFailure[1];
    Workflow.newDetachedCancellationScope(
            () -> end[0] = compensateNow(saga, outcome, actor, why, verdict))
        .run();
    return end[0];
  }

  private ApplicationFailure compensateNow(
      Saga saga, RegionOutcome outcome, String actor, String why, WindowSummary verdict) {
    WindowSummary v = verdict == null ? lastVerdict : verdict;
    lastVerdict = v;
    decide(actor, "rollback triggered", why);
    enter(RegionPhase.ROLLING_BACK, why);
    int fromWeight = weight;
    notifier.send(
        EventType.ROLLBACK_TRIGGERED,
        region.name(),
        stage,
        fromWeight,
        "rollback triggered at stage "
            + stage
            + " ("
            + fromWeight
            + "%), traffic back on stable: "
            + why,
        v == null ? null : v.last());
    RegionOutcome end = outcome;
    try {
      saga.compensate();
      decide(
          SYSTEM,
          "traffic back on stable",
          "100% on " + request.stableVersion() + ", new version scaled down");
    } catch (RuntimeException e) {
      end = RegionOutcome.FAILED;
      why = why + "; COMPENSATION FAILED, check the region by hand: " + e.getMessage();
      decide(SYSTEM, "compensation failed", e.getMessage());
    }
    reason = why;
    RegionPhase endPhase =
        switch (end) {
          case ROLLED_BACK -> RegionPhase.ROLLED_BACK;
          case ABORTED -> RegionPhase.ABORTED;
          default -> RegionPhase.FAILED;
        };
    enter(endPhase, why);
    notifier.drain();
    RegionResult result = result(end);
    String type =
        switch (end) {
          case ROLLED_BACK -> "RegionRolledBack";
          case ABORTED -> "RegionAborted";
          default -> "RegionFailed";
        };
    return ApplicationFailure.newNonRetryableFailure(
        region.name() + " " + Words.of(end) + " at stage " + stage + ": " + why, type, result);
  }

  private RegionResult result(RegionOutcome outcome) {
    return new RegionResult(region.name(), outcome, stage, weight, reason, lastVerdict);
  }

  // ---- status ----

  private void enter(RegionPhase next, String why) {
    phase = next;
    reason = why;
    report();
  }

  private void decide(String who, String what, String why) {
    timeline.add(new Decision(Workflow.currentTimeMillis(), who, what, why));
  }

  /** Tells the release workflow when the region's phase, stage, weight or gate changed. */
  private void report() {
    RegionStatus now = status();
    Workflow.setCurrentDetails(details(now));
    if (lastReported != null
        && lastReported.phase() == now.phase()
        && lastReported.stage() == now.stage()
        && lastReported.weight() == now.weight()
        && lastReported.paused() == now.paused()
        && java.util.Objects.equals(lastReported.pendingGate(), now.pendingGate())) {
      return;
    }
    lastReported = now;
    Workflow.getInfo()
        .getParentWorkflowId()
        .ifPresent(
            parent ->
                Workflow.newExternalWorkflowStub(ReleaseWorkflow.class, parent)
                    .regionProgress(now));
  }

  private String details(RegionStatus s) {
    return "**"
        + spec.service()
        + " "
        + spec.version()
        + " in "
        + s.region()
        + "**: "
        + Words.of(s.phase())
        + ", stage "
        + s.stage()
        + "/"
        + s.stages()
        + ", "
        + s.weight()
        + "% on the new version"
        + (s.reason() == null ? "" : "\n\n" + s.reason())
        + "\n\nlast verdict: "
        + verdictText();
  }

  private String verdictText() {
    if (lastVerdict == null) {
      return "none yet";
    }
    return lastVerdict.verdict().name().toLowerCase()
        + " ("
        + lastVerdict.reason()
        + ")"
        + (lastVerdict.last().isEmpty()
            ? ""
            : ": "
                + String.join(
                    ", ", lastVerdict.last().stream().map(QueryVerdict::describe).toList()));
  }

  @Override
  public RegionStatus status() {
    int stages = spec == null ? 0 : spec.strategy().stageCount();
    return new RegionStatus(
        region == null ? null : region.name(),
        phase,
        stage,
        stages,
        weight,
        paused,
        lastVerdict,
        pendingGate,
        reason,
        timeline,
        windowStartMillis,
        windowEndMillis);
  }

  // ---- signals ----

  @Override
  public void pause(Control control) {
    paused = true;
    decide(control.by(), "paused", control.reason());
  }

  @Override
  public void resume(Control control) {
    paused = false;
    decide(control.by(), "resumed", control.reason());
  }

  @Override
  public void rollback(Control control) {
    if (rollbackRequest == null) {
      rollbackRequest = control;
    }
  }

  @Override
  public void gateApproved(String gateId) {
    approvedGates.add(gateId);
  }

  @Override
  public void finish(Control control) {
    finishRequested = true;
  }

  // ---- helpers ----

  private String pausedReason() {
    return timeline.stream()
        .filter(d -> d.what().equals("paused"))
        .reduce((a, b) -> b)
        .map(d -> "paused by " + d.who() + ": " + d.why())
        .orElse("paused");
  }

  private String describeStart() {
    return spec.service()
        + " "
        + spec.version()
        + " starts in "
        + region.name()
        + " ("
        + spec.strategy().type().id()
        + ", stable "
        + request.stableVersion()
        + ")";
  }

  private TrafficChange change(int to) {
    return new TrafficChange(
        Workflow.getInfo().getWorkflowId(), spec.service(), spec.version(), region, to);
  }

  private DeployRequest deployRequest() {
    var rolling = spec.strategy().rolling();
    return new DeployRequest(
        Workflow.getInfo().getWorkflowId(),
        spec.service(),
        spec.version(),
        spec.image(),
        request.stableVersion(),
        region,
        rolling == null ? null : rolling.maxSurge(),
        rolling == null ? null : rolling.maxUnavailable());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
