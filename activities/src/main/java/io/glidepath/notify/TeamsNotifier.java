package io.glidepath.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * Microsoft Teams through a Workflows ("When a Teams webhook request is received") webhook: an
 * Adaptive Card 1.4 inside the {@code attachments} envelope the Workflows template loops over (the
 * retired Office 365 connectors are not supported). The same events, facts and links as Slack, to
 * the one webhook the spec names.
 */
public final class TeamsNotifier implements ReleaseEventSink {
  private final Webhooks webhooks;
  private final LinkTemplates links;

  public TeamsNotifier(Secrets secrets, LinkTemplates links, Duration timeout) {
    this.webhooks = new Webhooks(secrets, timeout);
    this.links = links;
  }

  @Override
  public String name() {
    return "teams";
  }

  @Override
  public boolean send(ReleaseEvent event) {
    String secret = event.targets() == null ? null : event.targets().teams();
    boolean taken =
        Cards.INCIDENTS.contains(event.type()) || Cards.SUCCESSES.contains(event.type());
    if (secret == null || !taken) {
      return false;
    }
    webhooks.post("Teams", secret, card(event));
    return true;
  }

  ObjectNode card(ReleaseEvent e) {
    boolean incident = e.type() == EventType.ROLLBACK_TRIGGERED;
    ObjectNode message = Webhooks.JSON.createObjectNode().put("type", "message");
    ObjectNode attachment =
        message
            .putArray("attachments")
            .addObject()
            .put("contentType", "application/vnd.microsoft.card.adaptive")
            .putNull("contentUrl");
    ObjectNode card =
        attachment
            .putObject("content")
            .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
            .put("type", "AdaptiveCard")
            .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    String color = incident || Cards.INCIDENTS.contains(e.type()) ? "Attention" : "Good";
    body.addObject()
        .put("type", "TextBlock")
        .put("text", incident ? Cards.incidentTitle() : e.subject())
        .put("size", "Large")
        .put("weight", "Bolder")
        .put("color", color)
        .put("wrap", true);
    body.addObject()
        .put("type", "TextBlock")
        .put("text", incident ? Cards.incidentSummary(e) : Cards.noticeLine(e))
        .put("wrap", true);
    if (incident) {
      ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
      Cards.incidentFacts(e).forEach((t, v) -> facts.addObject().put("title", t).put("value", v));
    }
    body.addObject()
        .put("type", "TextBlock")
        .put("text", "Correlation id " + e.correlationId())
        .put("isSubtle", true)
        .put("size", "Small")
        .put("wrap", true);
    var urls = new java.util.LinkedHashMap<>(links.links(e));
    // A Workflows webhook cannot take a click back (Action.Execute needs a bot), so a gate's card
    // leads to the gate on the board, where the board's identity and the same rules apply.
    String board = urls.remove(LinkTemplates.BOARD);
    boolean gate =
        e.gate() != null
            && (e.type() == EventType.APPROVAL_NEEDED || e.type() == EventType.ESCALATION);
    if (board != null || !urls.isEmpty()) {
      ArrayNode actions = card.putArray("actions");
      if (board != null) {
        actions
            .addObject()
            .put("type", "Action.OpenUrl")
            .put("title", gate ? "Approve or reject " + e.gate() + " on the board" : "Board")
            .put("url", board);
      }
      urls.forEach(
          (label, url) ->
              actions
                  .addObject()
                  .put("type", "Action.OpenUrl")
                  .put("title", label)
                  .put("url", url));
    }
    return message;
  }
}
