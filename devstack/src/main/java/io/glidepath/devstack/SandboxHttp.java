package io.glidepath.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.glidepath.model.Quantities;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's HTTP answers: JSON replies, and the Prometheus query API ({@code /api/v1/query},
 * {@code /api/v1/query_range}) over {@link SandboxQueries} for when no Prometheus is installed.
 */
final class SandboxHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SandboxHttp() {}

  /** The form or URL parameters of a Prometheus API request. */
  private static Map<String, String> params(HttpExchange x) throws IOException {
    String raw = x.getRequestURI().getRawQuery();
    if ("POST".equals(x.getRequestMethod())) {
      try (InputStream in = x.getRequestBody()) {
        raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    Map<String, String> params = new HashMap<>();
    for (String p : raw == null ? new String[0] : raw.split("&")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        params.put(
            p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  static void query(HttpExchange x, SandboxQueries queries) throws IOException {
    Map<String, String> params = params(x);
    String query = params.get("query");
    if (query == null) {
      reply(x, 400, "application/json", error("missing query parameter"));
      return;
    }
    long now = System.currentTimeMillis();
    try {
      Optional<Double> value = queries.evaluate(query, now);
      List<Object> result =
          value.isEmpty()
              ? List.of()
              : List.of(
                  Map.of("metric", Map.of(), "value", List.of(now / 1000.0, str(value.get()))));
      reply(x, 200, "application/json", success("vector", result));
    } catch (SandboxQueries.Unsupported e) {
      reply(x, 400, "application/json", error(e.getMessage()));
    }
  }

  /** {@code /api/v1/query_range}: start and end in Unix seconds, step in seconds or a duration. */
  static void queryRange(HttpExchange x, SandboxQueries queries) throws IOException {
    Map<String, String> params = params(x);
    try {
      String query = required(params, "query");
      long start = Math.round(Double.parseDouble(required(params, "start")) * 1000);
      long end = Math.round(Double.parseDouble(required(params, "end")) * 1000);
      String step = required(params, "step");
      long stepMillis =
          step.matches("[0-9.]+")
              ? Math.round(Double.parseDouble(step) * 1000)
              : Quantities.parseDuration(step).toMillis();
      List<Object> values =
          queries.evaluateRange(query, start, end, stepMillis).stream()
              .<Object>map(p -> List.of(p.atMillis() / 1000.0, str(p.value())))
              .toList();
      List<Object> result =
          values.isEmpty() ? List.of() : List.of(Map.of("metric", Map.of(), "values", values));
      reply(x, 200, "application/json", success("matrix", result));
    } catch (SandboxQueries.Unsupported | IllegalArgumentException e) {
      reply(x, 400, "application/json", error(e.getMessage()));
    }
  }

  private static String required(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + name + " parameter");
    }
    return value;
  }

  private static String success(String resultType, List<Object> result) {
    return json(
        Map.of("status", "success", "data", Map.of("resultType", resultType, "result", result)));
  }

  private static String str(double v) {
    return Double.isNaN(v)
        ? "NaN"
        : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : String.valueOf(v);
  }

  private static String error(String message) {
    return json(Map.of("status", "error", "errorType", "bad_data", "error", message));
  }

  static String json(Object o) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void reply(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
