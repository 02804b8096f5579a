package io.glidepath.analysis.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded query result: vector, matrix, scalar or string, with Prometheus's warnings. Values come
 * as strings on the wire; {@code NaN}, {@code +Inf} and {@code -Inf} decode to their doubles.
 */
public record PromResult(String resultType, List<Series> series, List<String> warnings) {
  public PromResult {
    series = series == null ? List.of() : List.copyOf(series);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** One labelled series: a single point for vectors and scalars, many for matrices. */
  public record Series(Map<String, String> labels, List<Point> points) {
    public Series {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      points = points == null ? List.of() : List.copyOf(points);
    }

    /** The newest point's value. */
    public double last() {
      return points.get(points.size() - 1).value();
    }
  }

  /** One sample: seconds since the epoch and a value. */
  public record Point(double time, double value) {}

  /** Decodes the {@code data} of a successful response. */
  static PromResult decode(JsonNode body) {
    JsonNode data = body.path("data");
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<Series> series = new ArrayList<>();
    switch (type) {
      case "vector" ->
          result.forEach(s -> series.add(new Series(labels(s), List.of(point(s.get("value"))))));
      case "matrix" ->
          result.forEach(
              s -> {
                List<Point> points = new ArrayList<>();
                s.path("values").forEach(v -> points.add(point(v)));
                series.add(new Series(labels(s), points));
              });
      case "scalar", "string" -> series.add(new Series(Map.of(), List.of(point(result))));
      default -> throw new IllegalArgumentException("unknown resultType '" + type + "'");
    }
    List<String> warnings = new ArrayList<>();
    body.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new PromResult(type, series, warnings);
  }

  private static Map<String, String> labels(JsonNode s) {
    Map<String, String> out = new LinkedHashMap<>();
    s.path("metric").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Point point(JsonNode pair) {
    return new Point(pair.get(0).asDouble(), value(pair.get(1).asText()));
  }

  /** Parses a sample value as Prometheus writes it. */
  static double value(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
