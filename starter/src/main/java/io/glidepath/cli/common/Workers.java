package io.glidepath.cli.common;

import io.glidepath.client.ReleaseLauncher;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether a worker answers for a release, found within seconds. A query, an update or a signal to a
 * release needs a worker to act on it; without one the SDK waits a minute or more (an update is
 * even applied whenever a worker comes back). The CLI asks first: the server's pollers of the task
 * queue (DescribeTaskQueue), and when it lists some, or cannot list them (the embedded test server
 * lacks the call), a status query with a short deadline. Pollers alone are not enough: the server
 * keeps listing a worker that was killed for minutes after its last poll.
 */
public final class Workers {
  /** How long each probe may take; the two together stay well under five seconds. */
  public static final int PROBE_SECONDS = 2;

  private Workers() {}

  /**
   * What the probes found: whether a worker answers for the release, and if not why, in words.
   *
   * @param answers whether a worker answered (or could not be asked, for the command to report)
   * @param why when none answers, what was seen, starting with "no worker is polling"
   */
  public record Liveness(boolean answers, String why) {}

  /** Whether some worker answers for {@code workflowId} now. */
  public static boolean polling(WorkflowClient client, String namespace, String workflowId) {
    return liveness(client, namespace, workflowId).answers();
  }

  /** Whether some worker answers for {@code workflowId} now, and if not what the server says. */
  public static Liveness liveness(WorkflowClient client, String namespace, String workflowId) {
    var stub = client.getWorkflowServiceStubs().blockingStub();
    Instant lastPoll = null;
    try {
      List<PollerInfo> pollers =
          stub.withDeadlineAfter(PROBE_SECONDS, TimeUnit.SECONDS)
              .describeTaskQueue(
                  DescribeTaskQueueRequest.newBuilder()
                      .setNamespace(namespace)
                      .setTaskQueue(TaskQueue.newBuilder().setName(ReleaseLauncher.TASK_QUEUE))
                      .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                      .build())
              .getPollersList();
      if (pollers.isEmpty()) {
        return new Liveness(
            false,
            "no worker is polling the "
                + ReleaseLauncher.TASK_QUEUE
                + " task queue (the Temporal server lists no poller)");
      }
      lastPoll =
          pollers.stream()
              .filter(PollerInfo::hasLastAccessTime)
              .map(p -> Instant.ofEpochSecond(p.getLastAccessTime().getSeconds()))
              .max(Instant::compareTo)
              .orElse(null);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
    }
    if (probe(stub, namespace, workflowId)) {
      return new Liveness(true, null);
    }
    return new Liveness(false, silent(workflowId, lastPoll, Instant.now()));
  }

  /**
   * Why no worker answered although the server may list pollers: {@code lastPoll} is the newest
   * poll the server saw, or null.
   */
  public static String silent(String workflowId, Instant lastPoll, Instant now) {
    return "no worker is polling the "
        + ReleaseLauncher.TASK_QUEUE
        + " task queue: none answered for "
        + workflowId
        + " within "
        + PROBE_SECONDS
        + " s"
        + (lastPoll == null
            ? ""
            : " (the Temporal server last saw a worker poll "
                + Times.duration(Duration.between(lastPoll, now).toMillis())
                + " ago; a worker that stopped stays listed for minutes)");
  }

  /** A status query with a short deadline: whether a worker answered it. */
  private static boolean probe(
      WorkflowServiceGrpc.WorkflowServiceBlockingStub stub, String namespace, String workflowId) {
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
      // Anything but silence (no such workflow, a refused query) is for the command to report.
      return e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED;
    }
  }

  /**
   * Runs {@code call} (a query or an update through the SDK) for at most {@code seconds}; past that
   * throws what {@code late} gives. The SDK waits for a worker far longer than a person should, and
   * a worker can stop between the probe and the call.
   */
  public static <T> T within(int seconds, Supplier<T> call, Supplier<RuntimeException> late) {
    ExecutorService one =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "glidepath-bounded-call");
              t.setDaemon(true); // an abandoned call never keeps the command from exiting
              return t;
            });
    try {
      return one.submit(call::get).get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw late.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw late.get();
    } finally {
      one.shutdownNow();
    }
  }

  /**
   * Whether the Temporal server answers within seconds. The SDK's own calls retry an unreachable
   * server for a minute before they fail, so a command that must notice a lost server asks this.
   */
  public static boolean serverAnswers(WorkflowClient client) {
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

  /** No worker answers for the release, so the command was not sent, or not applied; exit 3. */
  public static final class NoWorkerException extends RuntimeException {
    public NoWorkerException(String why, String consequence, String lastRecorded) {
      super(
          why
              + "; "
              + consequence
              + ". Start a worker (java -jar glidepath-worker.jar, or glidepath-dev.jar --dev) and"
              + " try again"
              + (lastRecorded == null ? "" : System.lineSeparator() + "  " + lastRecorded));
    }
  }
}
