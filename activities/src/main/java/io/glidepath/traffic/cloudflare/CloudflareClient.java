package io.glidepath.traffic.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.http.Retrofits;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Calls Cloudflare, decodes the v4 envelope once and classifies what goes wrong. A 429 (or this
 * worker's own budget running out) is retried after the wait it names through the activity's next
 * retry delay, never a sleep; 5xx and timeouts are retried; 400, 401, 403 and 404 are
 * non-retryable, with Cloudflare's {@code errors[]} and what to fix.
 */
public final class CloudflareClient {
  static final ObjectMapper JSON = Retrofits.JSON;

  /** Token permissions, named as the Cloudflare dashboard names them. */
  static final String POOLS = "Load Balancing: Monitors and Pools Write";

  static final String LOAD_BALANCERS = "Load Balancers Write";
  static final String DNS = "DNS Write";

  private final CloudflareApi api;
  private final RequestBudget budget;

  public CloudflareClient(CloudflareConfig config, RequestBudget budget) {
    this.budget = budget;
    OkHttpClient http =
        new OkHttpClient.Builder()
            .callTimeout(config.timeout())
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer " + config.apiToken())
                            .build()))
            .build();
    this.api = Retrofits.create(CloudflareApi.class, config.baseUrl(), http);
  }

  JsonNode getPool(String account, String pool) {
    return call("pool " + pool, POOLS, api.getPool(account, pool));
  }

  JsonNode patchPool(String account, String pool, JsonNode body) {
    return call("pool " + pool, POOLS, api.patchPool(account, pool, body));
  }

  JsonNode getLoadBalancer(String zone, String lb) {
    return call("load balancer " + lb, LOAD_BALANCERS, api.getLoadBalancer(zone, lb));
  }

  JsonNode patchLoadBalancer(String zone, String lb, JsonNode body) {
    return call("load balancer " + lb, LOAD_BALANCERS, api.patchLoadBalancer(zone, lb, body));
  }

  JsonNode listDnsRecords(String zone, String name, String type) {
    return call("DNS record " + name, DNS, api.listDnsRecords(zone, name, type));
  }

  JsonNode patchDnsRecord(String zone, String id, JsonNode body) {
    return call("DNS record " + id, DNS, api.patchDnsRecord(zone, id, body));
  }

  private JsonNode call(String what, String permission, Call<JsonNode> call) {
    Optional<Duration> wait = budget.take();
    if (wait.isPresent()) {
      throw rateLimited(
          "this worker used its budget of "
              + RequestBudget.LIMIT
              + " Cloudflare requests per 5 minutes",
          wait.get());
    }
    Response<JsonNode> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "Cloudflare did not answer for " + what + ": " + e.getMessage(), "CloudflareUnavailable");
    }
    int code = response.code();
    JsonNode body = response.isSuccessful() ? response.body() : errorBody(response);
    if (response.isSuccessful() && body != null && body.path("success").asBoolean(false)) {
      return body.path("result");
    }
    String errors = errors(body, code);
    if (code == 429) {
      String after = response.headers().get("Retry-After");
      long seconds = after == null ? 60 : Long.parseLong(after.trim());
      throw rateLimited(
          "Cloudflare rate-limited the request for " + what + ": " + errors,
          Duration.ofSeconds(seconds));
    }
    if (code >= 500) {
      throw ApplicationFailure.newFailure(
          "Cloudflare answered HTTP " + code + " for " + what + ": " + errors,
          "CloudflareUnavailable");
    }
    String fix =
        switch (code) {
          case 401, 403 ->
              "; the API token lacks " + permission + " (or is invalid): give it that permission";
          case 404 -> "; check the id in the region's traffic settings";
          default -> "";
        };
    throw ApplicationFailure.newNonRetryableFailure(
        "Cloudflare refused " + what + " (HTTP " + code + "): " + errors + fix,
        code == 404
            ? "CloudflareNotFound"
            : code == 401 || code == 403 ? "CloudflareForbidden" : "CloudflareRejected");
  }

  private static ApplicationFailure rateLimited(String message, Duration wait) {
    return ApplicationFailure.newBuilder()
        .setMessage(message + "; retrying in " + wait.toSeconds() + " s")
        .setType("RateLimited")
        .setNextRetryDelay(wait)
        .build();
  }

  /** Cloudflare's errors[] as "code: message" pairs. */
  private static String errors(JsonNode body, int code) {
    if (body == null || !body.path("errors").isArray() || body.path("errors").isEmpty()) {
      return "HTTP " + code + " without an error body";
    }
    List<String> out = new ArrayList<>();
    body.path("errors")
        .forEach(e -> out.add(e.path("code").asText() + ": " + e.path("message").asText()));
    return String.join("; ", out);
  }

  private static JsonNode errorBody(Response<JsonNode> response) {
    try (var raw = response.errorBody()) {
      return raw == null ? null : JSON.readTree(raw.string());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
