package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a chat card's decision button asks for, as its {@code value} carries it: the workflow that
 * sent the card (a release, or one of its regions), that workflow's run, and the gate. It names no
 * secret; the worker that receives a click checks the request's signature, who clicked, and the
 * gate rules before anything is sent.
 *
 * @param kind approve, reject (the release is aborted with the rejection as reason) or abort
 * @param workflowId the workflow id of the card (its correlation id)
 * @param runId that workflow's run, so a card of an ended run cannot act on a newer release
 * @param gate the gate's text form for approve and reject, else {@code null}
 */
public record CardAction(Kind kind, String workflowId, String runId, String gate) {
  /** The {@code action_id} prefix of Glidepath's decision buttons. */
  public static final String PREFIX = "glidepath-";

  /** The decisions a card offers. */
  public enum Kind {
    APPROVE,
    REJECT,
    ABORT;

    /** The button's {@code action_id}. */
    public String actionId() {
      return PREFIX + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The button's {@code value}: short JSON without the kind (the {@code action_id} says it). */
  public String value() {
    ObjectNode v = Webhooks.JSON.createObjectNode().put("w", workflowId);
    if (runId != null) {
      v.put("r", runId);
    }
    if (gate != null) {
      v.put("g", gate);
    }
    return v.toString();
  }

  /** Reads a clicked button back; empty when it is not one of Glidepath's decision buttons. */
  public static Optional<CardAction> parse(String actionId, String value) {
    if (actionId == null || !actionId.startsWith(PREFIX) || value == null) {
      return Optional.empty();
    }
    Kind kind;
    try {
      kind = Kind.valueOf(actionId.substring(PREFIX.length()).toUpperCase(java.util.Locale.ROOT));
      JsonNode v = Webhooks.JSON.readTree(value);
      String w = v.path("w").asText(null);
      String r = v.path("r").asText(null);
      String g = v.path("g").asText(null);
      if (w == null || w.isBlank() || (kind != Kind.ABORT && (g == null || g.isBlank()))) {
        return Optional.empty();
      }
      return Optional.of(new CardAction(kind, w, r, g));
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    }
  }
}
