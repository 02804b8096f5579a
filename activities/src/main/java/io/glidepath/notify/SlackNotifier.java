package io.glidepath.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * Slack through incoming webhooks, as the seeds route it: incident "Quick Cards" to the incidents
 * webhook, compact success notices and the summary to the successes one. Payloads stay within Block
 * Kit's limits. Errors name the secret, never the webhook URL, which is the secret.
 */
public final class SlackNotifier implements ReleaseEventSink {
  static final ObjectMapper JSON = Webhooks.JSON;
  static final int HEADER_MAX = 150;
  static final int FIELD_MAX = 2000;
  static final int SECTION_MAX = 3000;

  private final Webhooks webhooks;
  private final LinkTemplates links;

  public SlackNotifier(Secrets secrets, LinkTemplates links, Duration timeout) {
    this.webhooks = new Webhooks(secrets, timeout);
    this.links = links;
  }

  @Override
  public String name() {
    return "slack";
  }

  /** Posts {@code event} to its webhook; does nothing when it has none. */
  @Override
  public boolean send(ReleaseEvent event) {
    return send(event, null);
  }

  /**
   * Posts {@code event}; a gate's card carries Approve and Reject buttons, an incident card Abort,
   * naming the workflow, {@code runId} and the gate (never a secret).
   */
  @Override
  public boolean send(ReleaseEvent event, String runId) {
    var targets = event.targets();
    String secret =
        targets == null
            ? null
            : Cards.INCIDENTS.contains(event.type())
                ? targets.slackIncidents()
                : Cards.SUCCESSES.contains(event.type()) ? targets.slackSuccesses() : null;
    if (secret == null) {
      return false;
    }
    webhooks.post(
        "Slack",
        secret,
        event.type() == EventType.ROLLBACK_TRIGGERED
            ? incidentCard(event, runId)
            : notice(event, runId));
    return true;
  }

  /** The seed's incident Quick Card: region, stage, impact, cause, resolution, status, links. */
  ObjectNode incidentCard(ReleaseEvent e) {
    return incidentCard(e, null);
  }

  ObjectNode incidentCard(ReleaseEvent e, String runId) {
    ObjectNode card = JSON.createObjectNode();
    card.put(
        "text",
        clip("Incident: rollback triggered for " + e.subject() + " in " + e.region(), SECTION_MAX));
    ArrayNode blocks = card.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", clip(":rotating_light: " + Cards.incidentTitle(), HEADER_MAX))
        .put("emoji", true);
    ObjectNode section = blocks.addObject().put("type", "section");
    section
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", clip(Cards.incidentSummary(e), SECTION_MAX));
    ArrayNode fields = section.putArray("fields");
    Cards.incidentFacts(e)
        .forEach(
            (title, value) ->
                fields
                    .addObject()
                    .put("type", "mrkdwn")
                    .put(
                        "text",
                        clip(
                            "*"
                                + title
                                + ":*\n"
                                + (title.equals("Status") ? ":warning: " : "")
                                + value,
                            FIELD_MAX)));
    context(blocks, e);
    decisions(blocks, e, runId);
    actions(blocks, e);
    return card;
  }

  /** A compact notice: one line with an emoji for the kind of event, and the correlation id. */
  ObjectNode notice(ReleaseEvent e) {
    return notice(e, null);
  }

  ObjectNode notice(ReleaseEvent e, String runId) {
    String emoji =
        switch (e.type()) {
          case RELEASE_COMPLETED, REGION_COMPLETED -> ":white_check_mark:";
          case RELEASE_FAILED, REGION_PROTECTED -> ":x:";
          case ATTENTION -> ":warning:";
          case ESCALATION -> ":rotating_light:";
          case APPROVAL_NEEDED -> ":raised_hand:";
          case APPROVED -> ":ok_hand:";
          case SUMMARY -> ":memo:";
          default -> ":rocket:";
        };
    String line =
        emoji
            + " *"
            + e.subject()
            + "*"
            + (e.region() == null ? "" : " in *" + e.region() + "*")
            + ": "
            + e.message();
    ObjectNode notice = JSON.createObjectNode();
    notice.put("text", clip(line, SECTION_MAX));
    ArrayNode blocks = notice.putArray("blocks");
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", clip(line, SECTION_MAX));
    context(blocks, e);
    decisions(blocks, e, runId);
    actions(blocks, e);
    return notice;
  }

  private static void context(ArrayNode blocks, ReleaseEvent e) {
    ObjectNode context = blocks.addObject().put("type", "context");
    context
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", "Correlation id `" + e.correlationId() + "`");
  }

  /**
   * The decision buttons: Approve and Reject on a gate's card (approval needed, or its escalation),
   * Abort on an incident card. Their block id marks them, so an updated card can drop them.
   */
  static void decisions(ArrayNode blocks, ReleaseEvent e, String runId) {
    java.util.List<CardAction> buttons = new java.util.ArrayList<>();
    if (e.gate() != null
        && (e.type() == EventType.APPROVAL_NEEDED || e.type() == EventType.ESCALATION)) {
      buttons.add(new CardAction(CardAction.Kind.APPROVE, e.correlationId(), runId, e.gate()));
      buttons.add(new CardAction(CardAction.Kind.REJECT, e.correlationId(), runId, e.gate()));
    } else if (e.type() == EventType.ROLLBACK_TRIGGERED) {
      buttons.add(new CardAction(CardAction.Kind.ABORT, e.correlationId(), runId, null));
    }
    if (buttons.isEmpty()) {
      return;
    }
    ArrayNode elements =
        blocks
            .addObject()
            .put("type", "actions")
            .put("block_id", DECISIONS_BLOCK)
            .putArray("elements");
    for (CardAction a : buttons) {
      ObjectNode button =
          elements
              .addObject()
              .put("type", "button")
              .put("action_id", a.kind().actionId())
              .put("value", a.value());
      String label =
          switch (a.kind()) {
            case APPROVE -> "Approve";
            case REJECT -> "Reject";
            case ABORT -> "Abort the release";
          };
      button.putObject("text").put("type", "plain_text").put("text", label);
      if (a.kind() == CardAction.Kind.APPROVE) {
        button.put("style", "primary");
      } else {
        button.put("style", "danger");
        ObjectNode confirm = button.putObject("confirm");
        confirm.putObject("title").put("type", "plain_text").put("text", label + "?");
        confirm
            .putObject("text")
            .put("type", "plain_text")
            .put(
                "text",
                a.kind() == CardAction.Kind.REJECT
                    ? "Rejecting gate " + a.gate() + " aborts the release."
                    : "Every region that moved traffic goes back to stable.");
        confirm.putObject("confirm").put("type", "plain_text").put("text", label);
        confirm.putObject("deny").put("type", "plain_text").put("text", "Cancel");
      }
    }
  }

  /** The block id of the decision buttons. */
  public static final String DECISIONS_BLOCK = "glidepath-decisions";

  private void actions(ArrayNode blocks, ReleaseEvent e) {
    Map<String, String> urls = links.links(e);
    if (urls.isEmpty()) {
      return;
    }
    ArrayNode elements = blocks.addObject().put("type", "actions").putArray("elements");
    urls.forEach(
        (label, url) -> {
          ObjectNode button =
              elements.addObject().put("type", "button").put("action_id", label.toLowerCase());
          button.putObject("text").put("type", "plain_text").put("text", label);
          button.put("url", url);
        });
  }

  private static String clip(String s, int max) {
    return Cards.clip(s, max);
  }
}
