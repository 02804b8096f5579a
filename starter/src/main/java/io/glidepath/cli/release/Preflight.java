package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.cli.common.Workers;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Waits for a release that was just started to pass or fail its preflight, so {@code release start}
 * says which: the release's status query until its phase leaves {@code PREFLIGHT}, or the workflow
 * closes (a failed preflight ends the release), whose failure then says why.
 */
final class Preflight {
  private Preflight() {}

  /**
   * Returns when the preflight passed; throws {@link ExitCodes.ReleaseNotCompletedException} with
   * the reason when the release ended before leaving it (exit 1). Without a worker it returns at
   * once, saying that the preflight runs when one starts.
   */
  static void await(TemporalOptions temporal, String service, PrintWriter out, Duration every) {
    WorkflowClient client = temporal.client();
    String workflowId = ReleaseSpec.releaseWorkflowId(service);
    ReleaseLauncher launcher = temporal.launcher();
    boolean told = false;
    while (true) {
      if (closed(client, temporal.namespace, workflowId)) {
        throw new ExitCodes.ReleaseNotCompletedException(
            workflowId + " " + whyEnded(launcher, service));
      }
      if (!Workers.polling(client, temporal.namespace, workflowId)) {
        out.println(
            "note: no worker is polling the "
                + ReleaseLauncher.TASK_QUEUE
                + " task queue; the preflight runs as soon as a worker starts (glidepath release"
                + " watch "
                + service
                + " follows it)");
        return;
      }
      try {
        ReleaseStatus s = launcher.release(service).status();
        if (s.phase() != ReleasePhase.PREFLIGHT && !s.phase().finished()) {
          out.println("preflight passed: " + s.service() + " " + s.version() + " " + phase(s));
          return;
        }
        if (!told) {
          out.println("preflight running...");
          out.flush();
          told = true;
        }
      } catch (WorkflowQueryException | WorkflowServiceException e) {
        if (!ExitCodes.noWorker(e)) {
          throw e;
        }
      }
      WatchCommand.sleep(every);
    }
  }

  private static String phase(ReleaseStatus s) {
    return "is " + io.glidepath.status.Words.of(s.phase());
  }

  static boolean closed(WorkflowClient client, String namespace, String workflowId) {
    return client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getWorkflowExecutionInfo()
            .getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /**
   * Why a closed release ended, read from its result or failure (no worker needed): {@code failed:
   * <summary>}, or {@code completed: <summary>}.
   */
  static String whyEnded(ReleaseLauncher launcher, String service) {
    try {
      ReleaseResult r = launcher.result(service);
      return io.glidepath.status.Words.of(r.phase()) + ": " + r.summary();
    } catch (WorkflowFailedException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof ApplicationFailure af
              ? af.getOriginalMessage()
              : cause == null ? e.getMessage() : cause.getMessage();
      return "ended: " + why;
    }
  }
}
