package io.glidepath.cli.common;

import io.glidepath.analysis.Verdict;
import io.glidepath.client.ReleaseAlreadyRunningException;
import io.glidepath.client.TemporalTarget.TemporalUnreachableException;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.status.ReleasePhase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/**
 * The one place the CLI's exit codes come from: what a release ended as, what a check found, and
 * what went wrong. 0 done (a release completed, a check passed), 1 a release rolled back, failed or
 * was aborted (or a check failed), 2 bad input (a spec, an argument, a refused request), 3
 * Temporal, a worker or Prometheus could not be reached.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int NOT_COMPLETED = 1;
  public static final int BAD_INPUT = 2;
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}

  /** A release that ended: 0 when it completed, 1 otherwise. */
  public static int of(ReleasePhase phase) {
    return phase == ReleasePhase.COMPLETED ? OK : NOT_COMPLETED;
  }

  /** A check run now: 1 when it failed, 3 when it could not judge (Prometheus unreachable). */
  public static int of(Verdict verdict) {
    return switch (verdict) {
      case FAIL -> NOT_COMPLETED;
      case ERROR -> UNREACHABLE;
      default -> OK;
    };
  }

  /** An error a command ended with. */
  public static int of(Throwable e) {
    if (e instanceof TemporalUnreachableException
        || e instanceof Workers.NoWorkerException
        || noWorker(e)) {
      return UNREACHABLE;
    }
    if (e instanceof InvalidSpecException
        || e instanceof ReleaseAlreadyRunningException
        || e instanceof WorkflowNotFoundException
        || e instanceof WorkflowUpdateException
        || e instanceof IllegalArgumentException) {
      return BAD_INPUT;
    }
    // ReleaseNotCompletedException and anything unexpected.
    return NOT_COMPLETED;
  }

  /** A query nobody answered in time: no worker polls the task queue. */
  public static boolean noWorker(Throwable e) {
    if (e instanceof WorkflowQueryException) {
      return true;
    }
    if (!(e instanceof WorkflowServiceException)) {
      return false;
    }
    // The SDK's retries can wrap the server's deadline, or end it as cancelled.
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof StatusRuntimeException s
          && (s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
              || s.getStatus().getCode() == Status.Code.CANCELLED)) {
        return true;
      }
    }
    return false;
  }

  /** The one line an error is told with. */
  public static String message(Throwable e) {
    if (e instanceof WorkflowNotFoundException nf) {
      return "no running release "
          + nf.getExecution().getWorkflowId()
          + "; see glidepath release list";
    }
    if (noWorker(e)) {
      return "no worker is polling the glidepath-releases task queue: none answered about "
          + ((WorkflowException) e).getExecution().getWorkflowId()
          + " (the release itself is safe in Temporal); start a worker and try again";
    }
    if (e instanceof WorkflowUpdateException u) {
      Throwable cause = u.getCause();
      return "refused: "
          + (cause instanceof ApplicationFailure af ? af.getOriginalMessage() : cause.getMessage());
    }
    if (e instanceof WorkflowException w) {
      // Its own message is only the execution's identifiers (workflowId='...', runId=''): say what
      // happened to which release instead.
      Throwable cause = w.getCause();
      return "Temporal gave no answer about "
          + w.getExecution().getWorkflowId()
          + (cause instanceof StatusRuntimeException s
              ? " (" + s.getStatus().getCode() + ")"
              : cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage())
          + "; glidepath release list shows whether it runs";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** A release that did not get where the command waited for it to get (exit 1). */
  public static final class ReleaseNotCompletedException extends RuntimeException {
    public ReleaseNotCompletedException(String message) {
      super(message);
    }
  }
}
