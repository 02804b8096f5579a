package io.glidepath.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * Slack through incoming webhooks, as the seeds route it: incident "Quick Cards" to the incidents
 * webhook, compact success notices and the summary to the successes one. Payloads stay within Block
 * Kit's limits. Errors name the secret, never the webhook URL, which is the secret.
 */
public final class SlackNotifier implements ReleaseEventSink {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int HEADER_MAX = 150;
  static final int FIELD_MAX = 2000;
  static final int SECTION_MAX = 3000;

  static final Set<EventType> INCIDENTS =
      Set.of(
          EventType.ROLLBACK_TRIGGERED,
          EventType.ATTENTION,
          EventType.RELEASE_FAILED,
          EventType.REGION_PROTECTED);
  static final Set<EventType> SUCCESSES =
      Set.of(
          EventType.RELEASE_STARTED,
          EventType.APPROVAL_NEEDED,
          EventType.APPROVED,
          EventType.REGION_COMPLETED,
          EventType.RELEASE_COMPLETED,
          EventType.SUMMARY);

  private final WebhookApi webhooks;
  private final Secrets secrets;
  private final LinkTemplates links;

  public SlackNotifier(Secrets secrets, LinkTemplates links, Duration timeout) {
    this.secrets = secrets;
    this.links = links;
    this.webhooks =
        new Retrofit.Builder()
            .baseUrl("https://hooks.slack.com/")
            .client(new OkHttpClient.Builder().callTimeout(timeout).build())
            .addConverterFactory(JacksonConverterFactory.create(JSON))
            .build()
            .create(WebhookApi.class);
  }

  /**
   * The secret name of the webhook {@code event} goes to, or {@code null} when Slack does not get
   * this kind of event or the spec names no webhook for it.
   */
  static String target(ReleaseEvent event) {
    var n = event.targets();
    if (n == null) {
      return null;
    }
    if (INCIDENTS.contains(event.type())) {
      return n.slackIncidents();
    }
    return SUCCESSES.contains(event.type()) ? n.slackSuccesses() : null;
  }

  @Override
  public String name() {
    return "slack";
  }

  /** Posts {@code event} to its webhook; does nothing when it has none. */
  @Override
  public boolean send(ReleaseEvent event) {
    String secret = target(event);
    if (secret == null) {
      return false;
    }
    ObjectNode payload =
        event.type() == EventType.ROLLBACK_TRIGGERED ? incidentCard(event) : notice(event);
    Response<ResponseBody> response;
    try {
      response = webhooks.post(secrets.resolve(secret), payload).execute();
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "Slack webhook " + secret + " did not answer (" + e.getClass().getSimpleName() + ")",
          "NotificationFailed");
    }
    if (response.isSuccessful()) {
      return true;
    }
    String error = errorText(response);
    String message = "Slack webhook " + secret + " answered HTTP " + response.code() + ": " + error;
    if (response.code() == 429 || response.code() >= 500) {
      throw ApplicationFailure.newFailure(message, "NotificationFailed");
    }
    throw ApplicationFailure.newNonRetryableFailure(message, "NotificationRejected");
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
        .put("text", clip(":rotating_light: Incident: rollback triggered", HEADER_MAX))
        .put("emoji", true);
    ObjectNode section = blocks.addObject().put("type", "section");
    section
        .putObject("text")
        .put("type", "mrkdwn")
        .put(
            "text",
            clip(
                "*"
                    + e.service()
                    + "* "
                    + e.version()
                    + " was rolled back automatically in *"
                    + e.region()
                    + "*.",
                SECTION_MAX));
    ArrayNode fields = section.putArray("fields");
    field(fields, "Region", e.region());
    field(fields, "Stage", "Canary rollout at " + e.weight() + "% (stage " + e.stage() + ")");
    field(fields, "Impact", "Rollback triggered, traffic back on stable");
    field(fields, "Cause", cause(e));
    field(
        fields, "Resolution", "All traffic on the stable version; the new version is scaled down");
    field(fields, "Status", ":warning: Rolled back, investigation needed");
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

  /** The failing values, e.g. "p95-latency 520 ms > 450 ms"; the event's message when none. */
  private static String cause(ReleaseEvent e) {
    List<QueryVerdict> failing =
        e.values().stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
    if (failing.isEmpty()) {
      return e.message();
    }
    return failing.stream().map(QueryVerdict::describe).collect(Collectors.joining("\n"));
  }

  private static void field(ArrayNode fields, String title, String value) {
    fields
        .addObject()
        .put("type", "mrkdwn")
        .put("text", clip("*" + title + ":*\n" + value, FIELD_MAX));
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

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String errorText(Response<ResponseBody> response) {
    try (ResponseBody body = response.errorBody()) {
      return body == null ? "no body" : clip(body.string().trim(), 200);
    } catch (IOException e) {
      return "unreadable body";
    }
  }
}
