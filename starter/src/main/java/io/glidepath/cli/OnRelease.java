package io.glidepath.cli;

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

  /** Throws {@link Workers.NoWorkerException} saying {@code consequence} if no worker polls. */
  void requireWorker(String consequence) {
    if (!Workers.polling(temporal.client(), temporal.namespace, workflowId())) {
      throw new Workers.NoWorkerException(workflowId(), consequence);
    }
  }

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
