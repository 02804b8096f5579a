package io.glidepath.cli.release;

import io.glidepath.release.ReleaseRequest;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionResult;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.SearchAttributes;
import io.glidepath.status.Words;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Optional;

/**
 * One release run as {@code release list} shows it (and its {@code --output json} element).
 *
 * @param service the released service
 * @param version the version it released
 * @param author who started it ({@code --by})
 * @param started when it started
 * @param ended when it ended; null while it runs
 * @param durationSeconds how long it ran, or has run so far
 * @param state the Temporal execution state: {@code running}, {@code completed}, {@code failed},
 *     {@code terminated}, ...
 * @param outcome how the release ended: {@code completed}, {@code rolled back}, {@code aborted},
 *     {@code failed}, or {@code running} (also {@code terminated}, {@code canceled}, {@code timed
 *     out} for a run Temporal ended)
 * @param phase the release phase ({@code ROLLING_OUT}, ..., the final {@code COMPLETED}, {@code
 *     FAILED}, {@code ABORTED}); null when unknown
 */
record ListedRelease(
    String workflowId,
    String runId,
    String service,
    String version,
    String author,
    Instant started,
    Instant ended,
    long durationSeconds,
    String state,
    String outcome,
    String phase) {

  /**
   * The row of one listed run: what it is from its search attributes (or, where they are missing,
   * its start event), and for a closed run how it ended from its result.
   */
  static ListedRelease of(WorkflowClient client, WorkflowExecutionInfo i, Instant now) {
    String workflowId = i.getExecution().getWorkflowId();
    String runId = i.getExecution().getRunId();
    String service = value(i, SearchAttributes.SERVICE);
    String version = value(i, SearchAttributes.VERSION);
    String author = value(i, SearchAttributes.AUTHOR);
    if (service == null || version == null || author == null) {
      ReleaseRequest request = request(client, workflowId, runId);
      if (request != null) {
        service = service == null ? request.spec().service() : service;
        version = version == null ? request.spec().version() : version;
        author = author == null ? request.requestedBy() : author;
      }
    }
    Instant started = instant(i.getStartTime());
    boolean running = i.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    Instant ended = running ? null : closed(client, i);
    String phase = value(i, SearchAttributes.PHASE);
    ReleaseResult result = running ? null : result(client, i);
    if (result != null) {
      phase = result.phase().name();
    }
    long seconds =
        Math.max(0, (ended == null ? now : ended).getEpochSecond() - started.getEpochSecond());
    return new ListedRelease(
        workflowId,
        runId,
        service,
        version,
        author,
        started,
        ended,
        seconds,
        OnRelease.words(i.getStatus()),
        running ? "running" : outcome(i.getStatus(), result),
        phase);
  }

  /**
   * How a closed run ended: its result's phase, where a failed release whose regions rolled back
   * (and none failed outright) is {@code rolled back}; without a result, Temporal's state.
   */
  static String outcome(WorkflowExecutionStatus state, ReleaseResult result) {
    if (result == null) {
      return OnRelease.words(state);
    }
    if (result.phase() == ReleasePhase.FAILED) {
      boolean rolledBack =
          result.regions().stream().anyMatch(r -> r.outcome() == RegionOutcome.ROLLED_BACK);
      boolean failed =
          result.regions().stream()
              .map(RegionResult::outcome)
              .anyMatch(o -> o == RegionOutcome.FAILED);
      return rolledBack && !failed ? "rolled back" : "failed";
    }
    return Words.of(result.phase());
  }

  /** A closed run's result, or the one its failure carries; null when it has none. */
  private static ReleaseResult result(WorkflowClient client, WorkflowExecutionInfo i) {
    WorkflowExecutionStatus s = i.getStatus();
    if (s != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        && s != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
      return null;
    }
    try {
      return client
          .newUntypedWorkflowStub(
              i.getExecution().getWorkflowId(),
              Optional.of(i.getExecution().getRunId()),
              Optional.empty())
          .getResult(ReleaseResult.class);
    } catch (WorkflowFailedException e) {
      if (e.getCause() instanceof ApplicationFailure af && af.getDetails().getSize() > 0) {
        return af.getDetails().get(ReleaseResult.class);
      }
      return null;
    }
  }

  /**
   * When a closed run ended: its close time, or where the server leaves it out (the embedded test
   * server) the time of its last event.
   */
  private static Instant closed(WorkflowClient client, WorkflowExecutionInfo i) {
    if (i.hasCloseTime() && i.getCloseTime().getSeconds() > 0) {
      return instant(i.getCloseTime());
    }
    return client
        .streamHistory(i.getExecution().getWorkflowId(), i.getExecution().getRunId())
        .reduce((first, second) -> second)
        .map(e -> instant(e.getEventTime()))
        .orElse(null);
  }

  private static ReleaseRequest request(WorkflowClient client, String workflowId, String runId) {
    try {
      return OnRelease.request(client, workflowId, runId);
    } catch (RuntimeException unreadable) {
      return null; // an input this version cannot read: the row goes without it
    }
  }

  static String value(WorkflowExecutionInfo info, SearchAttributeKey<String> key) {
    Payload payload = info.getSearchAttributes().getIndexedFieldsMap().get(key.getName());
    return payload == null
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
