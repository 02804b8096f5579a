package io.glidepath.line;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.flow.LineStop;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;

/** The client side of the stop-the-line switch, for the CLI and tests. */
public final class StopTheLine {
  private StopTheLine() {}

  /** Sets {@code freeze}, starting the switch's workflow the first time. */
  public static String freeze(WorkflowClient client, LineStop freeze) {
    return running(client).freeze(freeze);
  }

  /** Lifts the freeze of {@code freeze.service()}. */
  public static String unfreeze(WorkflowClient client, LineStop freeze) {
    return running(client).unfreeze(freeze);
  }

  /** The freezes in force; none when the switch was never used. */
  public static LineStatus status(WorkflowClient client) {
    try {
      return client.newWorkflowStub(StopTheLineWorkflow.class, StopTheLineWorkflow.ID).status();
    } catch (WorkflowNotFoundException e) {
      return new LineStatus(List.of(), List.of());
    }
  }

  private static StopTheLineWorkflow running(WorkflowClient client) {
    StopTheLineWorkflow line =
        client.newWorkflowStub(
            StopTheLineWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(StopTheLineWorkflow.ID)
                .setTaskQueue(ReleaseLauncher.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setStaticSummary("stop the line: freezes of Glidepath releases")
                .build());
    WorkflowClient.start(line::run, new LineStatus(List.of(), List.of()));
    return line;
  }
}
