package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.cli.common.Workers;
import io.glidepath.environment.EnvironmentClient;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.Revert;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StatusFilter;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath release revert}: releases again what served before the last completed release,
 * staged or in every region at once ({@link Revert}), and ends with it promoted as stable like any
 * release. Returns once the preflight passed (an immediate revert: once every region serves the old
 * version, or {@link #IMMEDIATE_PROMISE} after the command started), saying how many regions serve
 * it.
 */
@Command(
    name = "revert",
    description =
        "Release again the version that served before the last completed release: canary 25/50/100"
            + " in the release's mode, or with --immediate every region at once in one switch"
            + " each.")
final class RevertCommand extends Steering {
  /** An immediate revert has every region on the old version within this long, from ready pods. */
  static final Duration IMMEDIATE_PROMISE = Duration.ofSeconds(60);

  @Option(names = "--region", description = "only this region (default: every region it released)")
  String region;

  @Option(
      names = "--immediate",
      description =
          "every region at once, one switch each as soon as its pods are ready (instead of"
              + " 25/50/100 in the release's mode)")
  boolean immediate;

  @Option(
      names = "--promote-now",
      description =
          "with --immediate: promote each region as stable right after its switch instead of after"
              + " 1m watched")
  boolean promoteNow;

  @Override
  public Integer call() {
    long began = System.nanoTime();
    String who = Inputs.identity("--by", by);
    String why = Inputs.reason(reason);
    if (promoteNow && !immediate) {
      throw new IllegalArgumentException(
          "--promote-now goes with --immediate; a staged revert promotes after its last stage");
    }
    Revert.Pace pace =
        !immediate
            ? Revert.Pace.STAGED
            : promoteNow ? Revert.Pace.IMMEDIATE_PROMOTED_AT_ONCE : Revert.Pace.IMMEDIATE;
    WorkflowClient client = temporal.client();
    if (running()) {
      throw new IllegalArgumentException(
          workflowId()
              + " is running; a revert starts after it ends (roll a region back now with"
              + " glidepath release rollback, or abort it with glidepath release abort)");
    }
    WorkflowExecutionInfo last =
        lastCompleted(client)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no completed release of "
                            + service
                            + " ("
                            + workflowId()
                            + "); nothing to revert"));
    String runId = last.getExecution().getRunId();
    ReleaseResult result =
        client
            .newUntypedWorkflowStub(workflowId(), Optional.of(runId), Optional.empty())
            .getResult(ReleaseResult.class);
    ReleaseRequest request = request(client, workflowId(), runId);
    ReleaseSpec revert = Revert.spec(request.spec(), result.before(), region, pace);
    ReleaseRequest reverting = new ReleaseRequest(revert, who, request.sandbox());
    String recorded = null;
    if (revert.environment() == null) {
      temporal
          .launcher()
          .start(
              reverting,
              "revert of "
                  + request.spec().version()
                  + " (run "
                  + runId
                  + ") by "
                  + who
                  + ": "
                  + why);
    } else {
      // The environment's ledger starts it, so env status and the next deliveries know.
      recorded = new EnvironmentClient(client).revert(request.spec().version(), reverting, why);
    }
    out()
        .printf(
            "started %s: revert of %s %s to %s (%s), what served before it; reason: %s%n",
            workflowId(), service, request.spec().version(), revert.version(), revert.image(), why);
    out().printf("plan: %s%n", Revert.plan(revert));
    if (recorded != null) {
      out().printf("%s: %s%n", revert.environment(), recorded);
    }
    out().flush();
    Preflight.await(temporal, service, out(), Duration.ofMillis(500));
    serving(revert, pace.immediate() ? IMMEDIATE_PROMISE : Duration.ZERO, began);
    out().printf("watch it: glidepath release watch %s%n", service);
    return ExitCodes.OK;
  }

  /**
   * Says how many regions serve the revert's version, waiting up to {@code upTo} after the command
   * began for all of them (an immediate revert's promise).
   */
  private void serving(ReleaseSpec revert, Duration upTo, long began) {
    long deadline = began + upTo.toNanos();
    ReleaseStatus s = status();
    while (s != null
        && !s.phase().finished()
        && serving(s).size() < revert.regions().size()
        && System.nanoTime() < deadline) {
      WatchCommand.sleep(Duration.ofMillis(500));
      s = status();
    }
    if (s == null) {
      out().printf("0 of %d regions serve %s yet%n", revert.regions().size(), revert.version());
      return;
    }
    List<String> serving = serving(s);
    long seconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
    String rest =
        s.regions().stream()
            .filter(r -> !Revert.serves(r))
            .map(r -> r.region() + " " + io.glidepath.status.Words.of(r.phase()))
            .collect(Collectors.joining(", "));
    out()
        .printf(
            "%d of %d regions serve %s %ds after the revert started%s%s%n",
            serving.size(),
            s.regions().size(),
            revert.version(),
            seconds,
            serving.isEmpty() ? "" : " (" + String.join(", ", serving) + ")",
            rest.isEmpty() ? "" : "; not yet: " + rest);
  }

  private static List<String> serving(ReleaseStatus s) {
    return s.regions().stream().filter(Revert::serves).map(RegionStatus::region).toList();
  }

  /** The revert's status, or null when no worker answers. */
  private ReleaseStatus status() {
    if (!Workers.polling(temporal.client(), temporal.namespace, workflowId())) {
      return null;
    }
    try {
      return temporal.launcher().release(service).status();
    } catch (WorkflowQueryException | WorkflowServiceException e) {
      if (ExitCodes.noWorker(e)) {
        return null;
      }
      throw e;
    }
  }

  private boolean running() {
    try {
      return state() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (IllegalArgumentException neverReleased) {
      return false;
    }
  }

  /** The last run of the release that completed: from visibility, else the closed list. */
  private Optional<WorkflowExecutionInfo> lastCompleted(WorkflowClient client) {
    List<WorkflowExecutionInfo> runs = new ArrayList<>();
    try {
      client
          .listExecutions("WorkflowId = '" + workflowId() + "' AND ExecutionStatus = 'Completed'")
          .forEach(m -> runs.add(m.getWorkflowExecutionInfo()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      // The embedded test server has no visibility queries; its closed list filters the same.
      runs.addAll(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(temporal.namespace)
                      .setExecutionFilter(
                          WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId()))
                      .setStatusFilter(
                          StatusFilter.newBuilder()
                              .setStatus(
                                  WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED))
                      .build())
              .getExecutionsList());
    }
    // The test server's closed list ignores its filters: filter here as well.
    return runs.stream()
        .filter(i -> i.getExecution().getWorkflowId().equals(workflowId()))
        .filter(i -> i.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
        .max(
            Comparator.comparingLong(
                i -> i.getCloseTime().getSeconds() * 1_000_000_000L + i.getCloseTime().getNanos()));
  }
}
