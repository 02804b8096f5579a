package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.http.Retrofits;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Pushes a region's release state to the Pushgateway at every stage, under the grouping key {@code
 * job=glidepath, service, region}: the stage, the weight, the last check's values and thresholds,
 * and whether it rolled back. Each push replaces the group (PUT) with the whole state. When the
 * release closes, every group of the service is deleted.
 */
public final class PushgatewayPublisher implements ReleaseEventSink {
  static final MediaType TEXT = MediaType.get("text/plain; version=0.0.4");
  static final Set<EventType> REGION_STATE =
      Set.of(
          EventType.REGION_STARTED,
          EventType.STAGE_PASSED,
          EventType.ATTENTION,
          EventType.ROLLBACK_TRIGGERED,
          EventType.REGION_COMPLETED);
  static final Set<EventType> RELEASE_CLOSED =
      Set.of(EventType.RELEASE_COMPLETED, EventType.RELEASE_FAILED);

  private final PushgatewayApi api;
  private final String baseUrl;

  public PushgatewayPublisher(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.api = Retrofits.create(PushgatewayApi.class, baseUrl, Retrofits.client(timeout));
  }

  @Override
  public String name() {
    return "pushgateway";
  }

  @Override
  public boolean send(ReleaseEvent event) {
    if (REGION_STATE.contains(event.type()) && event.region() != null) {
      execute(
          api.put(event.service(), event.region(), RequestBody.create(exposition(event), TEXT)));
      return true;
    }
    if (RELEASE_CLOSED.contains(event.type())) {
      for (String region : regionsOf(event.service())) {
        execute(api.delete(event.service(), region));
      }
      return true;
    }
    return false;
  }

  /** The group's metrics in the text format; every line ends with a newline, as it must. */
  static String exposition(ReleaseEvent e) {
    String v = "version=\"" + escape(e.version()) + "\"";
    StringBuilder out = new StringBuilder();
    gauge(
        out,
        "glidepath_release_stage",
        "Canary stage of the release, 1-based.",
        "{" + v + "}",
        e.stage());
    gauge(
        out,
        "glidepath_release_weight_percent",
        "Share of traffic on the new version.",
        "{" + v + "}",
        e.weight());
    gauge(
        out,
        "glidepath_release_rolled_back",
        "1 once the region rolled back in this release.",
        "{" + v + "}",
        e.type() == EventType.ROLLBACK_TRIGGERED ? 1 : 0);
    List<QueryVerdict> values = e.values().stream().filter(q -> q.value() != null).toList();
    if (!values.isEmpty()) {
      out.append("# HELP glidepath_release_check_value Last measured value per query.\n")
          .append("# TYPE glidepath_release_check_value gauge\n");
      values.forEach(
          q ->
              sample(
                  out,
                  "glidepath_release_check_value",
                  "{" + v + ",query=\"" + escape(q.name()) + "\"}",
                  q.value()));
      out.append("# HELP glidepath_release_check_threshold Threshold per query.\n")
          .append("# TYPE glidepath_release_check_threshold gauge\n");
      values.forEach(
          q ->
              sample(
                  out,
                  "glidepath_release_check_threshold",
                  "{" + v + ",query=\"" + escape(q.name()) + "\"}",
                  q.threshold()));
    }
    gauge(
        out,
        "glidepath_release_last_event_timestamp_seconds",
        "When the last release event of the region happened.",
        "{" + v + ",event=\"" + e.type().name().toLowerCase(Locale.ROOT) + "\"}",
        e.atMillis() / 1000.0);
    return out.toString();
  }

  private List<String> regionsOf(String service) {
    JsonNode groups = execute(api.groups());
    List<String> regions = new ArrayList<>();
    for (JsonNode g : groups.path("data")) {
      JsonNode labels = g.path("labels");
      if ("glidepath".equals(labels.path("job").asText())
          && service.equals(labels.path("service").asText())
          && labels.hasNonNull("region")) {
        regions.add(labels.path("region").asText());
      }
    }
    return regions;
  }

  private static void gauge(
      StringBuilder out, String name, String help, String labels, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    sample(out, name, labels, value);
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(format(value)).append('\n');
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private <T> T execute(Call<T> call) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "Pushgateway at " + baseUrl + " did not answer: " + e.getMessage(), "NotificationFailed");
    }
    if (response.isSuccessful()) {
      T body = response.body();
      if (body instanceof okhttp3.ResponseBody raw) {
        raw.close();
      }
      return body;
    }
    String message = "Pushgateway at " + baseUrl + " answered HTTP " + response.code();
    if (response.code() >= 500) {
      throw ApplicationFailure.newFailure(message, "NotificationFailed");
    }
    throw ApplicationFailure.newNonRetryableFailure(message, "NotificationRejected");
  }
}
