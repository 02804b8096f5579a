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
        event.type() == EventType.ROLLBACK_TRIGGERED ? incidentCard(event) : notice(event));
    return true;
  }

  /** The seed's incident Quick Card: region, stage, impact, cause, resolution, status, links. */
  ObjectNode incidentCard(ReleaseEvent e) {
    ObjectNode card = JSON.createObjectNode();
    card.put(
        "text",
        clip(
            "Incident: rollback triggered for "
                + e.service()
                + " "
                + e.version()
                + " in "
                + e.region(),
            SECTION_MAX));
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
    actions(blocks, e);
    return card;
  }

  /** A compact notice: one line with an emoji for the kind of event, and the correlation id. */
  ObjectNode notice(ReleaseEvent e) {
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
            + e.service()
            + " "
            + e.version()
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
