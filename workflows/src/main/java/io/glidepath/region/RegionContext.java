package io.glidepath.region;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.deploy.DeployRequest;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.flow.ActivityPolicies;
import io.glidepath.flow.Escalator;
import io.glidepath.flow.Failures;
import io.glidepath.hooks.HookActivities;
import io.glidepath.hooks.HookRequest;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.FlagSettings;
import io.glidepath.model.HookSpec;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.EventType;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.notify.WorkflowNotifier;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.traffic.FlagStep;
import io.glidepath.traffic.TrafficActivities;
import io.glidepath.traffic.TrafficChange;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * What every step of a region shares: the spec, the activity stubs, the saga, the state and the
 * notifier, with the steps common to the strategies (deploy, verify, shift, promote).
 */
final class RegionContext {
  static final String SYSTEM = "glidepath";

  final RegionRequest request;
  final ReleaseSpec spec;
  final RegionSpec region;
  final RegionState state;
  final WorkflowNotifier notifier;
  final Saga saga =
      new Saga(
          new Saga.Options.Builder()
              .setParallelCompensation(false)
              .setContinueWithError(true)
              .build());

  final DeploymentActivities deploy =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.rollout());
  final DeploymentActivities deployUndo =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.rolloutUndo());
  private final AnalysisSpec analysisSpec;
  final DeployRequest deployRequest;
  private RegionStatus lastReported;

  RegionContext(RegionRequest request, RegionState state) {
    this.request = request;
    this.spec = request.spec();
    this.region = spec.region(request.region());
    this.state = state;
    this.analysisSpec = spec.analysis();
    this.notifier = new WorkflowNotifier(spec);
    var rolling = spec.strategy().rolling();
    this.deployRequest =
        new DeployRequest(
            Workflow.getInfo().getWorkflowId(),
            spec.service(),
            spec.version(),
            spec.image(),
            request.stableVersion(),
            region,
            rolling == null ? null : rolling.maxSurge(),
            rolling == null ? null : rolling.maxUnavailable());
  }

  // ---- steps shared by the strategies ----

  void deployNewVersion() {
    enter(RegionPhase.DEPLOYING, null);
    saga.addCompensation(
        () -> {
          deployUndo.scaleDownNew(deployRequest);
          decide(
              DecisionKind.NEW_VERSION_SCALED_DOWN,
              "new version scaled down",
              spec.version() + " at 0 replicas, kept for the next release");
        });
    deploy("deploy " + spec.image() + " beside stable in " + region.name())
        .deployNew(deployRequest);
    decide(
        DecisionKind.DEPLOYED,
        "new version deployed",
        spec.image() + " beside " + request.stableVersion());
  }

  /** Checks the new version up to {@code tries} times, {@code interval} apart. */
  void verifyNewVersion(int tries, Duration interval) {
    enter(RegionPhase.VERIFYING, null);
    Workflow.newActivityStub(
            DeploymentActivities.class,
            summarized(
                ActivityPolicies.healthCheck(tries, interval),
                "verify " + spec.version() + " in " + region.name() + " (" + tries + " tries)"))
        .verifyHealthy(deployRequest);
    decide(
        DecisionKind.VERIFIED,
        "new version healthy",
        region.smokeChecks().isEmpty()
            ? "pods ready (no smoke checks configured)"
            : "pods ready, smoke checks passed");
  }

  void shift(int to) {
    enter(RegionPhase.SHIFTING, null);
    setWeight(to, false, "shift " + region.name() + " to " + to + "%");
    state.weight = to;
    state.shiftedAtMillis = Workflow.currentTimeMillis();
    FlagSettings flag = FlagSettings.of(region.traffic());
    decide(
        DecisionKind.TRAFFIC_SHIFTED,
        "traffic shifted",
        flag == null
            ? to + "% on " + spec.version()
            : to + "% of users on " + flag.newVariant() + " of feature " + flag.flag());
  }

  /** Compensation of a traffic shift: all traffic on the stable backend at once. */
  void restoreTrafficNow() {
    setWeight(0, true, "back to stable in " + region.name());
    state.weight = 0;
  }

  /**
   * Registers the strategy's traffic restore as a compensation step, recorded in the timeline the
   * moment it is done (the saga runs its steps in reverse; each says when it happened).
   */
  void compensateTrafficWith(Runnable restore) {
    saga.addCompensation(
        () -> {
          restore.run();
          trafficRestored();
        });
  }

  void trafficRestored() {
    decide(
        DecisionKind.TRAFFIC_RESTORED,
        "traffic back on stable",
        RegionText.restored(spec, region, request.stableVersion(), state.promoted));
  }

  /**
   * Makes the new version the stable one, in Flagger's order: the stable Deployment takes the new
   * template and finishes its rollout, then traffic goes back to the stable backend in one step,
   * then the new version's Deployment is scaled to zero and kept for the next release. Its undo
   * (stable takes back the previous template) runs first on any later rollback.
   */
  void promote() {
    enter(RegionPhase.PROMOTING, null);
    saga.addCompensation(
        () -> {
          deployUndo.restoreStable(deployRequest);
          decide(
              DecisionKind.STABLE_RESTORED,
              "previous version restored",
              region.deployment().stable() + " runs its template from before the promotion");
        });
    deploy(
            "promote "
                + spec.version()
                + " to "
                + region.deployment().stable()
                + " in "
                + region.name())
        .promote(deployRequest);
    decide(
        DecisionKind.PROMOTED,
        "stable runs the new version",
        region.deployment().stable() + " rolled out with " + spec.image());
    setWeight(0, false, "promote: traffic back on the stable backend in " + region.name());
    state.promoted = true;
    deploy("scale " + region.deployment().canary() + " to 0 in " + region.name())
        .scaleDownNew(deployRequest);
    decide(
        DecisionKind.PROMOTED,
        "promoted",
        "100% on "
            + spec.version()
            + " from "
            + region.deployment().stable()
            + "; "
            + region.deployment().canary()
            + " scaled to 0");
  }

  /**
   * The escalation of a step that opens now ({@code what} says which), sending the spec's
   * escalation cards as they fall due.
   */
  Escalator escalator(String what) {
    return new Escalator(
        spec.approval().escalate(),
        Workflow.currentTimeMillis(),
        e -> {
          String message =
              what + ": open for " + Quantities.format(e.after()) + " in " + region.name();
          decide(DecisionKind.ESCALATED, "escalated", message);
          notifier.escalate(region.name(), state.stage, state.weight, message, e.webhook());
        });
  }

  /**
   * Runs the spec's hooks at {@code at}, in order. A hook's undo becomes a compensation once it has
   * run. A failed hook rolls the region back, or with {@code onFailure: hold} holds it for a
   * person: resuming goes on past the hook.
   */
  void runHooks(HookSpec.HookPoint at, Watch watch) {
    for (HookSpec h : spec.hooksAt(at)) {
      enter(RegionPhase.RUNNING_HOOK, null);
      try {
        String ran = hookStub(h.run()).run(hookRequest(h, false, h.run()));
        decide(DecisionKind.HOOK_RAN, "hook " + h.name() + " ran", ran);
      } catch (ActivityFailure f) {
        if (f.getCause() instanceof CanceledFailure) {
          throw f;
        }
        String why = "hook " + h.name() + " failed: " + Failures.describe(f);
        decide(DecisionKind.HOOK_FAILED, "hook " + h.name() + " failed", Failures.describe(f));
        if (h.onFailure() == HookSpec.HookFailure.ROLLBACK) {
          throw new RegionRollback(
              RegionOutcome.ROLLED_BACK,
              ReleaseEvent.Cause.FAILURE,
              SYSTEM,
              why,
              state.lastVerdict);
        }
        watch.hold(why, spec.strategy().finalThresholds(), false);
        continue;
      }
      if (h.undo() != null) {
        saga.addCompensation(
            () -> {
              String undone = hookStub(h.undo()).run(hookRequest(h, true, h.undo()));
              decide(DecisionKind.HOOK_RAN, "hook " + h.name() + " undone", undone);
            });
      }
    }
  }

  private HookActivities hookStub(HookSpec.Action action) {
    Duration timeout = action.job() == null ? Duration.ofMinutes(1) : action.job().timeout();
    return Workflow.newActivityStub(HookActivities.class, ActivityPolicies.hook(timeout));
  }

  /** The request of one hook run, with a Job name unique to this region run, hook and direction. */
  private HookRequest hookRequest(HookSpec h, boolean undo, HookSpec.Action action) {
    var info = Workflow.getInfo();
    String suffix =
        Integer.toHexString((info.getWorkflowId() + "/" + info.getRunId()).hashCode() & 0xfffffff);
    String job = "gp-" + h.name() + (undo ? "-undo-" : "-") + suffix;
    return new HookRequest(
        info.getWorkflowId(), spec.service(), spec.version(), region, h.name(), undo, action, job);
  }

  /** Sets the region's weight; {@code summary} names the call in the Temporal Web UI. */
  void setWeight(int to, boolean undo, String summary) {
    ActivityOptions base = undo ? ActivityPolicies.compensation() : ActivityPolicies.forward();
    Workflow.newActivityStub(TrafficActivities.class, summarized(base, summary))
        .setWeight(change(to, undo));
  }

  /** A deployment stub whose calls the Temporal Web UI shows as {@code summary}. */
  DeploymentActivities deploy(String summary) {
    return Workflow.newActivityStub(
        DeploymentActivities.class, summarized(ActivityPolicies.rollout(), summary));
  }

  /** The analysis stub of one observation window, named for the Web UI. */
  AnalysisActivities analysis(String summary) {
    return Workflow.newActivityStub(
        AnalysisActivities.class,
        summarized(
            ActivityPolicies.observation(analysisSpec.maxWindow(), analysisSpec.interval()),
            summary));
  }

  static ActivityOptions summarized(ActivityOptions options, String summary) {
    return ActivityOptions.newBuilder(options).setSummary(summary).build();
  }

  /**
   * The change to {@code to} percent. A flagd layer also states its allowlist: on while rolling
   * forward, and on a rollback only when the spec keeps it. Promotion is {@link #promoteFlag}.
   */
  TrafficChange change(int to, boolean undo) {
    FlagSettings flag = FlagSettings.of(region.traffic());
    FlagStep step =
        flag == null
            ? null
            : new FlagStep(flag.hasAllowlist() && (!undo || flag.keepAllowlist()), false);
    return new TrafficChange(
        Workflow.getInfo().getWorkflowId(), spec.service(), spec.version(), region, to, step);
  }

  /** Makes the flag's new variant its default for every user, with no targeting left. */
  void promoteFlag(String summary) {
    Workflow.newActivityStub(
            TrafficActivities.class, summarized(ActivityPolicies.forward(), summary))
        .setWeight(
            new TrafficChange(
                Workflow.getInfo().getWorkflowId(),
                spec.service(),
                spec.version(),
                region,
                100,
                new FlagStep(false, true)));
  }

  // ---- status ----

  void enter(RegionPhase next, String why) {
    state.phase = next;
    state.reason = Bounded.text(why, Bounded.MAX_TEXT);
    report();
  }

  void decide(DecisionKind kind, String what, String why) {
    decide(kind, SYSTEM, what, why);
  }

  void decide(DecisionKind kind, String who, String what, String why) {
    state.timeline.record(Workflow.currentTimeMillis(), kind, who, what, why);
  }

  /** A person's decision, with the client identity it came from. */
  void decide(DecisionKind kind, Control by, String what, String why) {
    state.timeline.record(Workflow.currentTimeMillis(), kind, by.by(), by.identity(), what, why);
  }

  void notify(EventType type, String message, WindowSummary values) {
    notifier.send(
        type,
        region.name(),
        state.stage,
        state.weight,
        message,
        values == null ? null : values.last());
  }

  /** Sends the approval-needed card of {@code gate}. */
  void notifyGate(String gate, String message) {
    notifier.gate(gate, region.name(), state.stage, state.weight, message);
  }

  RegionStatus status(boolean withTimeline) {
    return state.status(region.name(), spec.strategy().stageCount(), withTimeline);
  }

  /**
   * Tells the release workflow when the region's phase, stage, weight or gate changed; the message
   * leaves the timeline out, so its size does not grow with the release.
   */
  private void report() {
    RegionStatus now = status(false);
    Workflow.setCurrentDetails(RegionText.details(spec, now));
    if (RegionState.sameProgress(lastReported, now)) {
      return;
    }
    lastReported = now;
    Workflow.getInfo()
        .getParentWorkflowId()
        .ifPresent(
            parent ->
                Workflow.newUntypedExternalWorkflowStub(parent)
                    .signal(RegionStatus.PROGRESS_SIGNAL, now));
  }
}
