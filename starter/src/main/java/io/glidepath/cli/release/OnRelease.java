package io.glidepath.cli.release;

import io.glidepath.cli.common.Connected;
import io.glidepath.cli.common.Workers;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Words;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Parameters;

/** Commands on one service's release ({@code release-<service>}). */
abstract class OnRelease extends Connected {
  @Parameters(index = "0", paramLabel = "SERVICE", description = "the service released")
  String service;

  ReleaseWorkflow release() {
    return temporal.launcher().release(service);
  }

  String workflowId() {
    return ReleaseSpec.releaseWorkflowId(service);
  }

  /** The release's current state; a release that never existed is bad input. */
  WorkflowExecutionStatus state() {
    try {
      return temporal
          .client()
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(Workers.PROBE_SECONDS, TimeUnit.SECONDS)
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(temporal.namespace)
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId()))
                  .build())
          .getWorkflowExecutionInfo()
          .getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        throw new IllegalArgumentException(
            "no release of "
                + service
                + " ("
                + workflowId()
                + " does not exist); see glidepath release list");
      }
      throw e;
    }
  }

  /** Refuses, changing nothing, unless the release is running. */
  void requireRunning(String what) {
    WorkflowExecutionStatus state = state();
    if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new IllegalArgumentException(
          workflowId() + " already ended (" + words(state) + "); " + what + " was not sent");
    }
  }

  /** A workflow execution state in words: {@code completed}, {@code terminated}. */
  static String words(WorkflowExecutionStatus state) {
    return Words.of(state.name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
  }

  /**
   * Throws {@link Workers.NoWorkerException} saying {@code consequence}, with the release's last
   * recorded state, if no worker answers for it.
   */
  void requireWorker(String consequence) {
    Workers.Liveness l = Workers.liveness(temporal.client(), temporal.namespace, workflowId());
    if (!l.answers()) {
      throw noWorker(l.why(), consequence);
    }
  }

  /** The error for a release no worker answers for, with what the server last recorded. */
  Workers.NoWorkerException noWorker(String why, String consequence) {
    return new Workers.NoWorkerException(
        why, consequence, LastRecorded.of(temporal.client(), temporal.namespace, workflowId()));
  }

  /** {@code query} run within {@link #QUERY_SECONDS}; past that, no worker answered it. */
  <T> T asked(java.util.function.Supplier<T> query, String consequence) {
    return Workers.within(
        QUERY_SECONDS,
        query,
        () ->
            noWorker(
                "no worker is polling the "
                    + io.glidepath.client.ReleaseLauncher.TASK_QUEUE
                    + " task queue: none answered for "
                    + workflowId()
                    + " within "
                    + QUERY_SECONDS
                    + " s",
                consequence));
  }

  /**
   * {@code update} (a {@code what} such as "the rollback") run within {@link
   * ApproveCommand#UPDATE_SECONDS}; past that, it waits for a worker and the command says so.
   */
  <T> T updated(java.util.function.Supplier<T> update, String what) {
    return Workers.within(
        ApproveCommand.UPDATE_SECONDS,
        update,
        () ->
            noWorker(
                "no worker accepted "
                    + what
                    + " for "
                    + workflowId()
                    + " within "
                    + ApproveCommand.UPDATE_SECONDS
                    + " s",
                "it was sent and waits for a worker: one that starts applies it, or refuses it,"
                    + " as glidepath release status then shows"));
  }

  /** How long a query may wait for its answer once a worker was seen. */
  static final int QUERY_SECONDS = 4;

  /** The spec the release runs, from its start event: known without a worker. */
  ReleaseSpec runningSpec() {
    return request(temporal.client(), workflowId(), null).spec();
  }

  /**
   * The input of a run of {@code workflowId} (the latest when {@code runId} is null), read from its
   * WorkflowExecutionStarted event.
   */
  static ReleaseRequest request(WorkflowClient client, String workflowId, String runId) {
    var input =
        client
            .streamHistory(workflowId, runId)
            .findFirst()
            .orElseThrow()
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), ReleaseRequest.class, ReleaseRequest.class);
  }

  /** The Temporal client identity that started the release (from its start event), or null. */
  String startedIdentity() {
    String id =
        temporal
            .client()
            .streamHistory(workflowId())
            .findFirst()
            .orElseThrow()
            .getWorkflowExecutionStartedEventAttributes()
            .getIdentity();
    return id.isBlank() ? null : id;
  }

  /** Refuses a region the release does not have. */
  static void requireRegion(ReleaseSpec spec, String option, String region) {
    if (spec.region(region) == null) {
      throw new IllegalArgumentException(
          option
              + ": release-"
              + spec.service()
              + " has no region "
              + region
              + "; its regions are "
              + spec.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", ")));
    }
  }
}
