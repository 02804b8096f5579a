package io.glidepath.environment;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Bounded;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.Timeline;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

/** See {@link EnvironmentLedgerWorkflow}. */
public class EnvironmentLedgerWorkflowImpl implements EnvironmentLedgerWorkflow {
  /** Runs kept per environment; older ones are dropped (their blocks with them). */
  static final int MAX_RUNS_PER_ENVIRONMENT = 20;

  private String service;
  private List<EnvironmentRule> order = new ArrayList<>();
  private final List<EnvironmentRun> runs = new ArrayList<>();
  private final List<Ruling> overrides = new ArrayList<>();
  private final Timeline timeline = new Timeline();
  private final List<Queued> queue = new ArrayList<>();

  /**
   * A release waiting for the ledger to start it: a delivery or a revert, with what the Web UI
   * shows of it.
   */
  private record Queued(Delivery delivery, String summary, String details) {}

  /** Deliveries accepted, and how many of them Temporal started (or refused to) so far. */
  private int accepted;

  private int startsSettled;
  private String lastStartFailure;

  /**
   * Takes the carried state before anything else runs: an update may arrive in the same workflow
   * task as the start, and its validator must know the service (it said "this ledger keeps null"
   * when it came before {@link #run}; no such update was ever accepted, so no history changes).
   */
  @WorkflowInit
  public EnvironmentLedgerWorkflowImpl(LedgerState carried) {
    service = carried.service();
    order = new ArrayList<>(carried.order());
    runs.addAll(carried.runs());
    overrides.addAll(carried.overrides());
    carried
        .timeline()
        .forEach(
            d -> timeline.record(d.atMillis(), d.kind(), d.who(), d.identity(), d.what(), d.why()));
  }

  @Override
  public void run(LedgerState carried) {
    while (true) {
      Workflow.await(() -> !queue.isEmpty() || Workflow.getInfo().isContinueAsNewSuggested());
      if (queue.isEmpty()) {
        break;
      }
      release(queue.remove(0));
    }
    Workflow.await(() -> queue.isEmpty() && Workflow.isEveryHandlerFinished());
    Workflow.continueAsNew(status());
  }

  /** Runs one delivery's (or revert's) release as a child and records how it ended. */
  private void release(Queued q) {
    Delivery d = q.delivery();
    ReleaseSpec spec = d.request().spec();
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(spec.releaseWorkflowId())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            // The release outlives a ledger that continues as new or is terminated.
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setStaticSummary(q.summary());
    if (q.details() != null) {
      options.setStaticDetails(q.details());
    }
    ReleaseWorkflow child = Workflow.newChildWorkflowStub(ReleaseWorkflow.class, options.build());
    Promise<ReleaseResult> result = Async.function(child::run, d.request());
    try {
      Workflow.getWorkflowExecution(child).get();
      lastStartFailure = null;
    } catch (RuntimeException e) {
      lastStartFailure = "Temporal did not start it: " + message(e);
      end(d, RunOutcome.NOT_STARTED, lastStartFailure);
      return;
    } finally {
      startsSettled++;
    }
    try {
      ReleaseResult r = result.get();
      end(d, outcome(r.phase()), r.summary());
    } catch (ChildWorkflowFailure e) {
      if (e.getCause() instanceof ApplicationFailure af && af.getDetails().getSize() > 0) {
        ReleaseResult r = af.getDetails().get(ReleaseResult.class);
        end(d, outcome(r.phase()), r.summary());
      } else if (e.getCause() instanceof CanceledFailure) {
        end(d, RunOutcome.ABORTED, "the release was cancelled");
      } else {
        end(d, RunOutcome.ROLLED_BACK, message(e));
      }
    }
  }

  private static RunOutcome outcome(ReleasePhase phase) {
    return switch (phase) {
      case COMPLETED -> RunOutcome.COMPLETED;
      case ABORTED -> RunOutcome.ABORTED;
      default -> RunOutcome.ROLLED_BACK;
    };
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root instanceof ApplicationFailure af ? af.getOriginalMessage() : root.getMessage();
  }

  private void end(Delivery d, RunOutcome outcome, String note) {
    ReleaseSpec spec = d.request().spec();
    for (int i = runs.size() - 1; i >= 0; i--) {
      EnvironmentRun r = runs.get(i);
      if (r.outcome() == RunOutcome.RUNNING && r.environment().equals(d.environment())) {
        long now = Workflow.currentTimeMillis();
        runs.set(i, r.ended(outcome, now, Bounded.text(note, Bounded.MAX_TEXT)));
        timeline.record(
            now,
            DecisionKind.RELEASE_ENDED,
            "glidepath",
            null,
            spec.version() + " in " + d.environment() + ": " + outcome.words(),
            note);
        return;
      }
    }
  }

  @Override
  public void validateDeliver(Delivery d) {
    refuse(d == null || d.request() == null ? "no release given" : null);
    refuse(d.order().isEmpty() ? "no environments given" : null);
    refuseForeignOrAnonymous(d.request());
    refuseWhileBusy("one release per service runs at a time: wait for it to end");
    String version = d.request().spec().version();
    Admission a =
        PromotionRules.admit(
            new LedgerState(service, d.order(), runs, overrides, List.of()),
            d.environment(),
            version,
            Workflow.currentTimeMillis());
    refuse(a.allowed() ? null : "refused, nothing was started: " + a.reason());
  }

  private static String describe(EnvironmentRun r) {
    return r.version()
        + " to "
        + r.environment()
        + " since "
        + PromotionRules.time(r.startedMillis());
  }

  @Override
  public String deliver(Delivery d) {
    long now = Workflow.currentTimeMillis();
    order = new ArrayList<>(d.order());
    ReleaseSpec spec = d.request().spec();
    Admission a = PromotionRules.admit(status(), d.environment(), spec.version(), now);
    if (a.override() != null) {
      overrides.remove(a.override());
    }
    runs.add(
        new EnvironmentRun(
            d.environment(),
            spec.version(),
            spec.image(),
            d.request().requestedBy(),
            now,
            0,
            RunOutcome.RUNNING,
            a.override() == null ? null : Bounded.text(a.reason(), Bounded.MAX_TEXT)));
    trim(d.environment());
    timeline.record(
        now,
        DecisionKind.DELIVERED,
        d.request().requestedBy(),
        d.identity(),
        spec.version() + " to " + d.environment(),
        a.reason());
    awaitStart(
        new Queued(
            d,
            "release " + spec.service() + " " + spec.version() + " to " + d.environment(),
            null));
    return "delivering " + spec.version() + " to " + d.environment() + " (" + a.reason() + ")";
  }

  /**
   * Queues the release and returns once Temporal started it, so whoever asked can follow it at
   * once; throws when Temporal refused to start it.
   */
  private void awaitStart(Queued q) {
    queue.add(q);
    int mine = ++accepted;
    Workflow.await(() -> startsSettled >= mine);
    if (lastStartFailure != null) {
      throw ApplicationFailure.newFailure(lastStartFailure, "ReleaseNotStarted");
    }
  }

  @Override
  public void validateRevert(Reversal r) {
    refuse(
        r == null || !r.complete()
            ? "name the environment, the version reverted and the revert's release"
            : null);
    refuseForeignOrAnonymous(r.request());
    refuse(MessageLimits.reasonProblem(r.reason()).map(p -> "--reason " + p).orElse(null));
    refuseWhileBusy("a revert starts after it ends");
  }

  /** Refuses a release of another service, or one whose requester has no valid identity. */
  private void refuseForeignOrAnonymous(io.glidepath.release.ReleaseRequest request) {
    refuse(
        request.spec().service().equals(service)
            ? null
            : "this ledger keeps " + service + ", not " + request.spec().service());
    refuse(MessageLimits.identityProblem(request.requestedBy()).map(p -> "--by " + p).orElse(null));
  }

  /**
   * Refuses while a release of the service runs or a delivery waits; {@code then} says what to do.
   */
  private void refuseWhileBusy(String then) {
    EnvironmentRun running = status().running();
    refuse(
        running == null && queue.isEmpty()
            ? null
            : service
                + " is being released: "
                + (running == null ? "a delivery is queued" : describe(running))
                + "; "
                + then);
  }

  @Override
  public String revert(Reversal r) {
    long now = Workflow.currentTimeMillis();
    EnvironmentRun reverted = PromotionRules.last(runs, r.environment(), r.reverted());
    runs.add(r.run(now));
    trim(r.environment());
    awaitStart(
        new Queued(
            new Delivery(r.environment(), order, r.request(), r.identity()),
            r.summary(),
            r.details()));
    // Recorded once the revert runs (a revert Temporal did not start reverted nothing), after its
    // run, so the environment's last record names the reverted version.
    runs.add(r.record(reverted == null ? null : reverted.image(), now));
    trim(r.environment());
    r.recordIn(timeline, now);
    return r.answer();
  }

  private void trim(String environment) {
    long count = runs.stream().filter(r -> r.environment().equals(environment)).count();
    for (int i = 0; i < runs.size() && count > MAX_RUNS_PER_ENVIRONMENT; i++) {
      if (runs.get(i).environment().equals(environment)
          && runs.get(i).outcome() != RunOutcome.RUNNING) {
        runs.remove(i--);
        count--;
      }
    }
  }

  @Override
  public void validateOverride(Ruling o) {
    checkRuling(o);
    refuse(
        order.isEmpty() || PromotionRules.indexOf(order, o.environment()) >= 0
            ? null
            : "no environment " + o.environment() + " in " + service + "'s order");
    refuse(
        PromotionRules.indexOf(order, o.environment()) == 0
            ? o.environment() + " is the first environment; it takes any version already"
            : null);
  }

  @Override
  public String override(Ruling sent) {
    Ruling o = stamped(sent);
    overrides.removeIf(
        x -> x.version().equals(o.version()) && x.environment().equals(o.environment()));
    overrides.add(o);
    timeline.record(
        o.atMillis(),
        DecisionKind.OVERRIDDEN,
        o.by(),
        o.identity(),
        o.version() + " may enter " + o.environment(),
        o.reason());
    return o.version()
        + " may enter "
        + o.environment()
        + " once, whatever its rules say; recorded with "
        + o.by()
        + "'s reason";
  }

  @Override
  public void validateFailVerification(Ruling f) {
    checkRuling(f);
    EnvironmentRun last = PromotionRules.last(runs, f.environment(), f.version());
    refuse(
        last == null || last.outcome() != RunOutcome.COMPLETED
            ? f.version()
                + " has no completed release in "
                + f.environment()
                + " to fail"
                + (last == null ? "" : " (its last one " + last.outcome().words() + ")")
            : null);
  }

  @Override
  public String failVerification(Ruling sent) {
    Ruling f = stamped(sent);
    EnvironmentRun last = PromotionRules.last(runs, f.environment(), f.version());
    runs.add(
        new EnvironmentRun(
            f.environment(),
            f.version(),
            last.image(),
            f.by(),
            f.atMillis(),
            f.atMillis(),
            RunOutcome.FAILED_VERIFICATION,
            f.reason()));
    trim(f.environment());
    timeline.record(
        f.atMillis(),
        DecisionKind.VERIFICATION_FAILED,
        f.by(),
        f.identity(),
        f.version() + " failed its verification in " + f.environment(),
        f.reason());
    return f.version() + " is blocked from the environments after " + f.environment();
  }

  private Ruling stamped(Ruling r) {
    return new Ruling(
        r.version(),
        r.environment(),
        r.by(),
        Bounded.text(r.identity(), Bounded.MAX_NAME),
        Bounded.text(r.reason(), Bounded.MAX_TEXT),
        Workflow.currentTimeMillis());
  }

  private static void checkRuling(Ruling r) {
    refuse(
        r == null || r.version() == null || r.environment() == null
            ? "name the version and the environment"
            : null);
    refuse(MessageLimits.identityProblem(r.by()).map(p -> "--by " + p).orElse(null));
    refuse(MessageLimits.reasonProblem(r.reason()).map(p -> "--reason " + p).orElse(null));
  }

  @Override
  public LedgerState status() {
    return new LedgerState(service, order, runs, overrides, timeline.entries());
  }

  private static void refuse(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
