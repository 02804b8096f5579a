package io.glidepath.cli;

import io.glidepath.client.ReleaseLauncher;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;

/**
 * Whether a worker polls the releases' task queue, answered within seconds. A query, an update or a
 * signal to a release needs a worker to act on it; without one the SDK waits a minute or more (an
 * update is even applied whenever a worker comes back). The CLI asks first: the server's pollers of
 * the task queue where it lists them (DescribeTaskQueue), else, on the embedded test server which
 * lacks that call, a status query with a short deadline.
 */
final class Workers {
  /** How long each probe may take; the two together stay well under ten seconds. */
  static final int PROBE_SECONDS = 3;

  private Workers() {}

  /** Whether some worker answers for {@code workflowId} now. */
  static boolean polling(WorkflowClient client, String namespace, String workflowId) {
    var stub = client.getWorkflowServiceStubs().blockingStub();
    try {
      return stub.withDeadlineAfter(PROBE_SECONDS, TimeUnit.SECONDS)
              .describeTaskQueue(
                  DescribeTaskQueueRequest.newBuilder()
                      .setNamespace(namespace)
                      .setTaskQueue(TaskQueue.newBuilder().setName(ReleaseLauncher.TASK_QUEUE))
                      .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                      .build())
              .getPollersCount()
          > 0;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
    }
    try {
      stub.withDeadlineAfter(PROBE_SECONDS, TimeUnit.SECONDS)
          .queryWorkflow(
              QueryWorkflowRequest.newBuilder()
                  .setNamespace(namespace)
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .setQuery(WorkflowQuery.newBuilder().setQueryType("status"))
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return false;
      }
      // Anything else (no such workflow, a refused query) is for the command itself to report.
      return true;
    }
  }

  /**
   * Whether the Temporal server answers within seconds. The SDK's own calls retry an unreachable
   * server for a minute before they fail, so a command that must notice a lost server asks this.
   */
  static boolean serverAnswers(WorkflowClient client) {
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(PROBE_SECONDS, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() != Status.Code.UNAVAILABLE
          && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED;
    }
  }

  /** No worker polls the task queue, so the command was not sent; exit code 3. */
  static final class NoWorkerException extends RuntimeException {
    NoWorkerException(String workflowId, String consequence) {
      super(
          "no worker is polling the "
              + ReleaseLauncher.TASK_QUEUE
              + " task queue, so nobody can act for "
              + workflowId
              + "; "
              + consequence
              + ". Start a worker (java -jar glidepath-worker.jar, or glidepath-dev.jar --dev) and try again");
    }
  }
}
