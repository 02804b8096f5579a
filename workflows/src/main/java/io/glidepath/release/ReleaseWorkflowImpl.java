package io.glidepath.release;

import static io.glidepath.release.ReleaseContext.SYSTEM;

import io.glidepath.flow.Failures;
import io.glidepath.model.RegionSpec;
import io.glidepath.notify.EventType;
import io.glidepath.notify.WorkflowNotifier;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecProblem;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.Approval;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * See {@link ReleaseWorkflow}. The run: validate, preflight ({@link ReleasePreflight}), the regions
 * ({@link RegionScheduler}), then the end: every region's outcome, told to people. Messages change
 * the {@link ReleaseContext}; gates are {@link ReleaseGates}', rollbacks and promotions {@link
 * ReleaseSteering}'s.
 */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {
  private final ReleaseContext c = new ReleaseContext();
  private final ReleaseGates gates = new ReleaseGates(c);
  private final ReleaseSteering steering = new ReleaseSteering(c);
  private final ReleasePreflight preflight = new ReleasePreflight(c);
  private final RegionScheduler scheduler = new RegionScheduler(c, gates);

  @Override
  public ReleaseResult run(ReleaseRequest request) {
    c.request = request;
    c.spec = request.spec();
    // The launcher checked the spec under every rule; re-checked here under the rules releases were
    // first started with, so a release started before a newer rule replays as it ran.
    List<SpecProblem> problems =
        SpecValidator.validate(c.spec, request.limits(), SpecValidator.Rules.ORIGINAL);
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          new InvalidSpecException(c.spec.releaseWorkflowId(), problems).getMessage(),
          "InvalidSpec");
    }
    c.notifier = new WorkflowNotifier(c.spec);
    for (RegionSpec r : c.spec.regions()) {
      c.regions.put(r.name(), RegionStatus.pending(r.name(), c.spec.strategy().stageCount()));
    }
    String started = ReleaseText.describe(c.spec, request.requestedBy());
    c.decide(DecisionKind.RELEASE_STARTED, request.requestedBy(), "release started", started);
    c.notifier.send(EventType.RELEASE_STARTED, null, 0, 0, started, null);
    Async.procedure(c::deliverOutbox);

    CancellationScope main =
        Workflow.newCancellationScope(
            () -> {
              preflight.run();
              scheduler.run();
            });
    Async.procedure(
        () -> {
          Workflow.await(() -> c.abortRequest != null);
          main.cancel(c.abortRequest.reason());
        });
    try {
      main.run();
      return finish(null);
    } catch (ActivityFailure e) {
      if (!(e.getCause() instanceof CanceledFailure cancelled)) {
        return preflightFailed(Failures.describe(e));
      }
      throw ended(cancelled);
    } catch (ReleasePreflight.Refused e) {
      return preflightFailed(e.getMessage());
    } catch (CanceledFailure e) {
      throw ended(e);
    }
  }

  private ReleaseResult preflightFailed(String reason) {
    String why = "preflight failed, nothing moved: " + reason;
    c.decide(DecisionKind.RELEASE_ENDED, SYSTEM, "release failed", why);
    return finish(new Control(SYSTEM, why, null));
  }

  /** The release was aborted or cancelled: wait for every region to compensate, then end. */
  private RuntimeException ended(CanceledFailure e) {
    boolean cancelled = c.abortRequest == null;
    if (cancelled) {
      c.abortRequest = new Control(SYSTEM, "release workflow cancelled", null);
    }
    ReleaseResult[] result = new ReleaseResult[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              c.awaitChildren();
              result[0] = finish(c.abortRequest);
            })
        .run();
    return cancelled ? e : failure(result[0]);
  }

  /**
   * Ends the release: reads every region's outcome, tells people, and returns the result (or throws
   * it as a failure when the release failed).
   *
   * @param stoppedBy who or what stopped the release early (an abort, a failed preflight), or
   *     {@code null} when it ran to its end
   */
  private ReleaseResult finish(Control stoppedBy) {
    c.gates.clear(); // nothing is waiting for approval once the release ends

    List<RegionResult> results = c.spec.regions().stream().map(r -> c.resultOf(r.name())).toList();
    boolean allCompleted = results.stream().allMatch(r -> r.outcome() == RegionOutcome.COMPLETED);
    ReleasePhase end;
    if (stoppedBy != null && stoppedBy == c.abortRequest) {
      end = ReleasePhase.ABORTED;
    } else {
      end = stoppedBy == null && allCompleted ? ReleasePhase.COMPLETED : ReleasePhase.FAILED;
    }
    Map<String, ReleaseResult.BudgetSpent> budgets = scheduler.budget().atEnd();
    String summary =
        ReleaseText.summary(c.spec, end, results, stoppedBy) + ReleaseText.budgets(budgets);
    c.decide(
        DecisionKind.RELEASE_ENDED,
        stoppedBy == null ? SYSTEM : stoppedBy.by(),
        "release " + end.name().toLowerCase(),
        summary);
    c.enter(end);
    c.notifier.send(
        end == ReleasePhase.COMPLETED ? EventType.RELEASE_COMPLETED : EventType.RELEASE_FAILED,
        null,
        0,
        0,
        summary,
        null);
    c.notifier.send(EventType.SUMMARY, null, 0, 0, summary, null);
    c.notifier.drain();
    ReleaseResult result =
        new ReleaseResult(c.spec.releaseWorkflowId(), end, results, summary, c.before, budgets);
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
    return gates.approve(sent);
  }

  @Override
  public void validateApprove(Approval approval) {
    gates.validateApprove(approval);
  }

  @Override
  public String rollbackRegion(Control sent) {
    return steering.rollbackRegion(sent);
  }

  @Override
  public void validateRollbackRegion(Control control) {
    steering.validateRollbackRegion(control);
  }

  @Override
  public String promote(Promotion sent) {
    return steering.promote(sent);
  }

  @Override
  public void validatePromote(Promotion p) {
    steering.validatePromote(p);
  }

  @Override
  public void lineStopped(io.glidepath.flow.LineStop freeze) {
    c.lineStop = freeze;
    c.decide(
        DecisionKind.PAUSED, freeze.by(), freeze.identity(), "line stopped", freeze.describe());
    c.forEachRunning(r -> r.lineStopped(freeze));
    c.publishDetails();
  }

  @Override
  public void lineResumed(io.glidepath.flow.LineStop freeze) {
    c.lineStop = null;
    c.decide(
        DecisionKind.RESUMED, freeze.by(), freeze.identity(), "line resumed", freeze.describe());
    c.forEachRunning(r -> r.lineResumed(freeze));
    c.publishDetails();
  }

  @Override
  public void abort(Control sent) {
    Control control = Bounded.control(sent);
    if (c.abortRequest == null && !c.phase.finished()) {
      c.decide(
          DecisionKind.ABORT_REQUESTED,
          control.by(),
          control.identity(),
          "abort requested",
          control.reason());
      c.abortRequest = control;
    }
  }

  @Override
  public void pause(Control sent) {
    Control control = Bounded.control(sent);
    c.paused = true;
    c.decide(DecisionKind.PAUSED, control.by(), control.identity(), "paused", control.reason());
    c.forEachRunning(r -> r.pause(control));
    c.publishDetails();
  }

  @Override
  public void resume(Control sent) {
    Control control = Bounded.control(sent);
    c.paused = false;
    c.decide(DecisionKind.RESUMED, control.by(), control.identity(), "resumed", control.reason());
    c.forEachRunning(r -> r.resume(control));
    c.publishDetails();
  }

  @Override
  public void regionProgress(RegionStatus status) {
    c.regions.put(status.region(), status);
    gates.track(status);
    c.publishDetails();
  }

  @Override
  public ReleaseStatus status() {
    return new ReleaseStatus(
        c.spec == null ? null : c.spec.releaseWorkflowId(),
        c.spec == null ? null : c.spec.service(),
        c.spec == null ? null : c.spec.version(),
        c.request == null ? null : c.request.requestedBy(),
        c.phase,
        c.paused,
        new ArrayList<>(c.regions.values()),
        gates.views(),
        c.timeline.entries(),
        c.spec == null ? null : feature(c.spec));
  }

  /** The flag a flag release moves, or null. */
  private static String feature(io.glidepath.model.ReleaseSpec spec) {
    io.glidepath.model.FlagSettings f = io.glidepath.model.FlagSettings.ofRelease(spec);
    return f == null ? null : f.flag();
  }
}
