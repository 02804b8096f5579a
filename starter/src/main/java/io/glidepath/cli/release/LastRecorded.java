package io.glidepath.cli.release;

import io.glidepath.cli.common.Times;
import io.glidepath.cli.common.Workers;
import io.glidepath.status.SearchAttributes;
import io.glidepath.status.Words;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the Temporal server itself last recorded about a release, read without a worker: its phase
 * and version from the search attributes the workflow keeps up to date, the length of its history,
 * and what it waits on (a workflow task for a worker, activities, region workflows). Said when no
 * worker can answer the status query.
 */
final class LastRecorded {
  private LastRecorded() {}

  /** One line about {@code workflowId}, or a line saying why the server could not say. */
  static String of(WorkflowClient client, String namespace, String workflowId) {
    try {
      DescribeWorkflowExecutionResponse d =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(Workers.PROBE_SECONDS, TimeUnit.SECONDS)
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build());
      return describe(d);
    } catch (StatusRuntimeException e) {
      return "last recorded state: unknown (the Temporal server did not describe "
          + workflowId
          + ": "
          + e.getStatus().getCode()
          + ")";
    }
  }

  /** The line for a describe answer. */
  static String describe(DescribeWorkflowExecutionResponse d) {
    var info = d.getWorkflowExecutionInfo();
    Map<String, Payload> attributes = info.getSearchAttributes().getIndexedFieldsMap();
    String phase = keyword(attributes, SearchAttributes.PHASE.getName());
    String version = keyword(attributes, SearchAttributes.VERSION.getName());
    List<String> parts = new ArrayList<>();
    parts.add(
        phase == null
            ? "no phase recorded yet"
            : "phase " + Words.of(phase) + (version == null ? "" : ", version " + version));
    parts.add(
        OnRelease.words(info.getStatus())
            + " since "
            + Times.dateTime(info.getStartTime().getSeconds() * 1000)
            + ", "
            + info.getHistoryLength()
            + " history events");
    if (d.hasPendingWorkflowTask()) {
      var task = d.getPendingWorkflowTask();
      parts.add(
          "a workflow task "
              + (task.getState() == PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED
                  ? "started by a worker that has not finished it"
                  : "waiting for a worker")
              + " since "
              + Times.time(task.getScheduledTime().getSeconds() * 1000)
              + (task.getAttempt() > 1 ? " (attempt " + task.getAttempt() + ")" : ""));
    }
    for (PendingActivityInfo a : d.getPendingActivitiesList()) {
      parts.add(
          "activity "
              + a.getActivityType().getName()
              + " "
              + Words.of(a.getState().name().replace("PENDING_ACTIVITY_STATE_", ""))
              + (a.getAttempt() > 1 ? " (attempt " + a.getAttempt() + ")" : ""));
    }
    for (PendingChildExecutionInfo c : d.getPendingChildrenList()) {
      parts.add("region workflow " + c.getWorkflowId() + " running");
    }
    return "last recorded state: " + String.join("; ", parts);
  }

  private static String keyword(Map<String, Payload> attributes, String name) {
    Payload p = attributes.get(name);
    if (p == null) {
      return null;
    }
    try {
      Object v = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, Object.class, Object.class);
      if (v instanceof List<?> l) {
        v = l.isEmpty() ? null : l.get(0);
      }
      return v == null ? null : v.toString();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
