package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.http.Retrofits;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Grafana annotations: a region annotation spanning each region's rollout (opened when the region
 * starts, closed with a PATCH of {@code timeEnd} when it completes or rolls back; found again by
 * its tags, so the worker keeps no state), and a point annotation at each stage and each rollback.
 * Every annotation is tagged with service, region and version, plus {@code glidepath} and the
 * workflow id. The token is the secret the spec names; errors name it, never its value.
 */
public final class GrafanaAnnotator implements ReleaseEventSink {
  static final String ROLLOUT = "rollout";
  private final GrafanaApi api;
  private final String baseUrl;
  private final String dashboardUid;
  private final Secrets secrets;

  /**
   * @param dashboardUid the dashboard to annotate, or {@code null} for organization-wide
   *     annotations that any dashboard can show by tag
   */
  public GrafanaAnnotator(String baseUrl, String dashboardUid, Secrets secrets, Duration timeout) {
    this.baseUrl = baseUrl;
    this.dashboardUid = dashboardUid;
    this.secrets = secrets;
    this.api = Retrofits.create(GrafanaApi.class, baseUrl, Retrofits.client(timeout));
  }

  @Override
  public String name() {
    return "grafana";
  }

  @Override
  public boolean send(ReleaseEvent e) {
    String secret = e.targets() == null ? null : e.targets().grafanaToken();
    if (secret == null || e.region() == null) {
      return false;
    }
    switch (e.type()) {
      case REGION_STARTED ->
          create(
              secret,
              e,
              List.of(ROLLOUT),
              e.service() + " " + e.version() + " rolling out in " + e.region());
      case STAGE_PASSED -> create(secret, e, List.of("stage"), e.message());
      case ROLLBACK_TRIGGERED -> {
        create(secret, e, List.of("rollback"), e.message());
        closeRollout(secret, e);
      }
      case REGION_COMPLETED -> closeRollout(secret, e);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void create(String secret, ReleaseEvent e, List<String> extraTags, String text) {
    ObjectNode a = Webhooks.JSON.createObjectNode();
    if (dashboardUid != null) {
      a.put("dashboardUID", dashboardUid);
    }
    a.put("time", e.atMillis());
    var tags = a.putArray("tags");
    tags(e, extraTags).forEach(tags::add);
    a.put("text", text + " (" + e.correlationId() + ")");
    execute(secret, api.create(auth(secret), a));
  }

  private void closeRollout(String secret, ReleaseEvent e) {
    JsonNode found =
        execute(
            secret,
            api.find(
                auth(secret), List.of("glidepath", e.correlationId(), ROLLOUT), "annotation", 1));
    if (found == null || !found.isArray() || found.isEmpty()) {
      return; // nothing to close: the region annotation was never made (Grafana down then)
    }
    ObjectNode end = Webhooks.JSON.createObjectNode().put("timeEnd", e.atMillis());
    execute(secret, api.patch(auth(secret), found.get(0).path("id").asLong(), end));
  }

  static List<String> tags(ReleaseEvent e, List<String> extra) {
    List<String> tags =
        new ArrayList<>(
            List.of("glidepath", e.service(), e.region(), e.version(), e.correlationId()));
    tags.addAll(extra);
    return tags;
  }

  private String auth(String secret) {
    return "Bearer " + secrets.resolve(secret);
  }

  private JsonNode execute(String secret, Call<JsonNode> call) {
    Response<JsonNode> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "Grafana at " + baseUrl + " did not answer (" + e.getClass().getSimpleName() + ")",
          "NotificationFailed");
    }
    if (response.isSuccessful()) {
      return response.body();
    }
    String message = "Grafana at " + baseUrl + " answered HTTP " + response.code();
    if (response.code() == 401 || response.code() == 403) {
      throw ApplicationFailure.newNonRetryableFailure(
          message + ": the token in " + secret + " needs annotations:write (Editor role)",
          "NotificationRejected");
    }
    if (response.code() == 429 || response.code() >= 500) {
      throw ApplicationFailure.newFailure(message, "NotificationFailed");
    }
    throw ApplicationFailure.newNonRetryableFailure(message, "NotificationRejected");
  }
}
