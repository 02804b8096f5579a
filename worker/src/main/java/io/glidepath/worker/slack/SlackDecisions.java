package io.glidepath.worker.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.http.Retrofits;
import io.glidepath.notify.CardAction;
import io.glidepath.notify.SlackNotifier;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.PendingApproval;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a verified click: finds who clicked, sends the same Update or signal the CLI and the
 * board send (so the gate rules apply alike), then answers through the action's {@code
 * response_url}: a refusal only to the clicker, a decision on the card itself.
 */
class SlackDecisions {
  private static final Logger log = LoggerFactory.getLogger(SlackDecisions.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  static final String REGION_WORKFLOW_TYPE = "RegionRolloutWorkflow";

  /** One click, as Slack's {@code block_actions} payload gives it. */
  record Click(CardAction action, String userId, String responseUrl, JsonNode message) {}

  private final WorkflowClient client;
  private final SlackUsers users;
  private final SlackApi api;
  private final LongSupplier clock;

  SlackDecisions(WorkflowClient client, SlackUsers users, SlackApi api, LongSupplier clock) {
    this.client = client;
    this.users = users;
    this.api = api;
    this.clock = clock;
  }

  /** Handles {@code click}; never throws (it runs after Slack has its answer). */
  void handle(Click click) {
    try {
      StringBuilder why = new StringBuilder();
      Optional<SlackUsers.Person> who = users.person(click.userId(), why);
      if (who.isEmpty()) {
        refuse(click, why + "; nothing was sent to the release");
        return;
      }
      SlackUsers.Person p = who.get();
      WorkflowExecution release;
      try {
        release = release(click.action());
      } catch (IllegalStateException e) {
        refuse(click, e.getMessage());
        return;
      }
      ReleaseWorkflow stub =
          client.newWorkflowStub(
              ReleaseWorkflow.class,
              release.getWorkflowId(),
              Optional.of(release.getRunId()).filter(r -> !r.isEmpty()));
      CardAction a = click.action();
      String done;
      try {
        done =
            switch (a.kind()) {
              case APPROVE -> {
                PendingApproval after =
                    stub.approve(
                        new Approval(
                            a.gate(), p.name(), role(stub, a.gate()), "from Slack", p.identity()));
                yield after.missing().isEmpty()
                    ? "Approved " + a.gate() + " by " + p.name() + ": the gate is open"
                    : "Approval of "
                        + a.gate()
                        + " by "
                        + p.name()
                        + " recorded; still missing "
                        + after.missing();
              }
              case REJECT -> {
                if (stub.status().pendingApprovals().stream()
                    .noneMatch(g -> g.gate().equals(a.gate()))) {
                  refuse(
                      click,
                      "Not done: gate "
                          + a.gate()
                          + " is no longer waiting for a decision; the release was not aborted");
                  yield null;
                }
                stub.abort(
                    new Control(
                        p.name(), "gate " + a.gate() + " rejected in Slack", null, p.identity()));
                yield "Rejected " + a.gate() + " by " + p.name() + ": the release is aborted";
              }
              case ABORT -> {
                stub.abort(new Control(p.name(), "aborted in Slack", null, p.identity()));
                yield "Aborted by " + p.name() + ": every region goes back to stable";
              }
            };
      } catch (WorkflowException e) {
        log.info(
            "slack: {} of {} by {} refused: {}", a.kind(), a.workflowId(), p.name(), reason(e));
        refuse(click, "Not done: " + reason(e));
        return;
      }
      if (done == null) {
        return;
      }
      log.info("slack: {} of {} by {} ({}) sent", a.kind(), a.workflowId(), p.name(), p.identity());
      update(click, (a.kind() == CardAction.Kind.APPROVE ? ":white_check_mark: " : ":x: ") + done);
    } catch (RuntimeException e) {
      log.warn("slack: a click on {} failed", click.action().workflowId(), e);
      refuse(click, "Glidepath could not carry it out: " + e.getClass().getSimpleName());
    }
  }

  /**
   * The release run the card belongs to: the card's workflow, or the release a region's card
   * belongs to; refused when that run has ended, so an old card never acts on a newer release.
   */
  WorkflowExecution release(CardAction a) {
    WorkflowExecution card =
        WorkflowExecution.newBuilder()
            .setWorkflowId(a.workflowId())
            .setRunId(a.runId() == null ? "" : a.runId())
            .build();
    var info =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(card)
                    .build())
            .getWorkflowExecutionInfo();
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new IllegalStateException(
          "this card's release run has ended; nothing was sent (use a newer card)");
    }
    if (info.getType().getName().equals(REGION_WORKFLOW_TYPE) && info.hasParentExecution()) {
      return info.getParentExecution();
    }
    return info.getExecution();
  }

  /** The role the gate still needs, when it needs exactly one; else none (the rules say so). */
  private static String role(ReleaseWorkflow stub, String gate) {
    try {
      return stub.status().pendingApprovals().stream()
          .filter(g -> g.gate().equals(gate))
          .findFirst()
          .filter(g -> g.missing().size() == 1 && !g.missing().containsKey("any"))
          .map(g -> g.missing().keySet().iterator().next())
          .orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void refuse(SlackDecisions.Click click, String text) {
    ObjectNode m =
        Retrofits.JSON
            .createObjectNode()
            .put("response_type", "ephemeral")
            .put("replace_original", false)
            .put("text", text);
    post(click, m);
  }

  /** The card again, its decision buttons replaced by who decided and when. */
  private void update(SlackDecisions.Click click, String text) {
    String line = text + " (" + WHEN.format(Instant.ofEpochMilli(clock.getAsLong())) + ")";
    ObjectNode m = Retrofits.JSON.createObjectNode().put("replace_original", true);
    JsonNode original = click.message();
    m.put("text", original == null ? line : original.path("text").asText(line));
    ArrayNode blocks = m.putArray("blocks");
    if (original != null && original.path("blocks").isArray()) {
      for (JsonNode b : original.path("blocks")) {
        if (!SlackNotifier.DECISIONS_BLOCK.equals(b.path("block_id").asText())) {
          blocks.add(b);
        }
      }
    }
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", line);
    post(click, m);
  }

  private void post(SlackDecisions.Click click, JsonNode m) {
    if (click.responseUrl() == null || click.responseUrl().isBlank()) {
      return;
    }
    try (var body = api.respond(click.responseUrl(), m).execute().body()) {
      // The answer's body is "ok" or an error nobody can act on now.
    } catch (java.io.IOException | RuntimeException e) {
      // The response URL is a capability; never log it.
      log.warn("slack: answering a click failed ({})", e.getClass().getSimpleName());
    }
  }

  /** The innermost failure's own message: the validator's refusal as it wrote it. */
  static String reason(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t != null) {
      if (t instanceof ApplicationFailure af) {
        message = af.getOriginalMessage();
      }
      t = t.getCause();
    }
    return message;
  }
}
