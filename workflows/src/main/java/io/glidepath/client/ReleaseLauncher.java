package io.glidepath.client;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;

/** Starts releases the one way they may start: validated, one per service. */
public final class ReleaseLauncher {
  /** The task queue every Glidepath worker polls. */
  public static final String TASK_QUEUE = "glidepath-releases";

  private final WorkflowClient client;

  public ReleaseLauncher(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Validates {@code spec} and starts its release as {@code release-<service>}.
   *
   * @throws io.glidepath.spec.InvalidSpecException listing every problem; nothing started
   * @throws ReleaseAlreadyRunningException naming the running release of the same service
   */
  public WorkflowExecution start(ReleaseSpec spec, String requestedBy) {
    return start(new ReleaseRequest(spec, requestedBy));
  }

  /** Starts {@code request}'s release, its spec validated within the request's limits. */
  public WorkflowExecution start(ReleaseRequest request) {
    return start(request, null);
  }

  /**
   * Starts {@code request}'s release with {@code details} (e.g. why a revert was started) as the
   * workflow's static details, shown by the Temporal Web UI; {@code null} for none.
   */
  public WorkflowExecution start(ReleaseRequest request, String details) {
    ReleaseSpec spec = request.spec();
    SpecValidator.check(spec, spec.releaseWorkflowId(), request.limits());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(spec.releaseWorkflowId())
            .setTaskQueue(TASK_QUEUE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setStaticSummary("release " + spec.service() + " " + spec.version())
            .setStaticDetails(details)
            .build();
    ReleaseWorkflow release = client.newWorkflowStub(ReleaseWorkflow.class, options);
    try {
      return WorkflowClient.start(release::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ReleaseAlreadyRunningException(describeRunning(spec, e.getExecution()));
    }
  }

  private String describeRunning(ReleaseSpec spec, WorkflowExecution running) {
    String what = "";
    try {
      ReleaseStatus s =
          client
              .newWorkflowStub(
                  ReleaseWorkflow.class,
                  running.getWorkflowId(),
                  java.util.Optional.of(running.getRunId()))
              .status();
      what =
          " (version "
              + s.version()
              + ", requested by "
              + s.requestedBy()
              + ", "
              + Words.of(s.phase())
              + ")";
    } catch (RuntimeException ignored) {
      // The refusal stands without the details.
    }
    return spec.service()
        + " already has a running release: "
        + running.getWorkflowId()
        + " run "
        + running.getRunId()
        + what
        + ". One release per service runs at a time: wait for it to end, or abort it first"
        + " (signal abort to "
        + running.getWorkflowId()
        + ").";
  }

  /** A typed handle on a service's running release. */
  public ReleaseWorkflow release(String service) {
    return client.newWorkflowStub(ReleaseWorkflow.class, ReleaseSpec.releaseWorkflowId(service));
  }

  /** An untyped handle, for results and failures. */
  public WorkflowStub untyped(String service) {
    return client.newUntypedWorkflowStub(ReleaseSpec.releaseWorkflowId(service));
  }

  /**
   * Waits for the service's release to end and returns its result, whether it completed or failed
   * with the result in its failure's details.
   *
   * @throws WorkflowFailedException when it ended without a result (cancelled, invalid spec)
   */
  public ReleaseResult result(String service) {
    try {
      return untyped(service).getResult(ReleaseResult.class);
    } catch (WorkflowFailedException e) {
      if (e.getCause() instanceof ApplicationFailure af && af.getDetails().getSize() > 0) {
        return af.getDetails().get(ReleaseResult.class);
      }
      throw e;
    }
  }
}
