package io.glidepath.analysis.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.http.Retrofits;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Queries Prometheus and classifies what goes wrong: a bad query (400, 422) or a refused credential
 * (401, 403) is a non-retryable failure that quotes Prometheus; anything transient (5xx, timeouts,
 * an unreachable server) is a {@link PrometheusUnavailableException}.
 */
public final class PrometheusClient {
  private static final ObjectMapper JSON = Retrofits.JSON;
  private final PrometheusApi api;
  private final PrometheusConfig config;

  public PrometheusClient(PrometheusConfig config) {
    this.config = config;
    OkHttpClient http =
        new OkHttpClient.Builder()
            .callTimeout(config.timeout())
            .addInterceptor(
                chain -> {
                  Request.Builder r = chain.request().newBuilder();
                  if (config.bearerToken() != null) {
                    r.header("Authorization", "Bearer " + config.bearerToken());
                  } else if (config.username() != null) {
                    r.header(
                        "Authorization", Credentials.basic(config.username(), config.password()));
                  }
                  config.headers().forEach(r::header);
                  return chain.proceed(r.build());
                })
            .build();
    this.api = Retrofits.create(PrometheusApi.class, config.baseUrl(), http);
  }

  /** Evaluates {@code promql} at {@code at}. */
  public PromResult query(String promql, Instant at) {
    return call(promql, api.query(promql, seconds(at), seconds(config.timeout())));
  }

  /** Evaluates {@code promql} from {@code start} to {@code end} every {@code step}. */
  public PromResult queryRange(String promql, Instant start, Instant end, Duration step) {
    return call(promql, api.queryRange(promql, seconds(start), seconds(end), seconds(step)));
  }

  private PromResult call(String promql, Call<JsonNode> call) {
    Response<JsonNode> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw new PrometheusUnavailableException(
          "Prometheus at " + config.baseUrl() + " did not answer: " + e.getMessage(), e);
    }
    int code = response.code();
    JsonNode body = response.isSuccessful() ? response.body() : errorBody(response);
    if (response.isSuccessful() && body != null && "success".equals(body.path("status").asText())) {
      return PromResult.decode(body);
    }
    String error =
        body == null
            ? "HTTP " + code
            : body.path("errorType").asText("error")
                + ": "
                + body.path("error").asText("HTTP " + code);
    if (code == 400 || code == 422 || (response.isSuccessful() && body != null)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Prometheus rejected the query ("
              + error
              + "); fix the query in analysis.queries: "
              + promql,
          "BadQuery");
    }
    if (code == 401 || code == 403) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Prometheus at "
              + config.baseUrl()
              + " refused the worker's credentials (HTTP "
              + code
              + "); check the worker's Prometheus token or user",
          "PrometheusForbidden");
    }
    throw new PrometheusUnavailableException(
        "Prometheus at " + config.baseUrl() + " answered HTTP " + code + " (" + error + ")", null);
  }

  private static JsonNode errorBody(Response<JsonNode> response) {
    try (var raw = response.errorBody()) {
      return raw == null ? null : JSON.readTree(raw.string());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String seconds(Instant t) {
    return String.format(Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
  }

  private static String seconds(Duration d) {
    // Prometheus takes durations as float seconds too.
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }
}
