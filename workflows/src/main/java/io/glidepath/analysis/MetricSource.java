package io.glidepath.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a check's numbers come from. Implementations only fetch (Prometheus in {@code activities},
 * generated scenarios in the evaluation harness); the judging happens in {@link Checks}.
 */
public interface MetricSource {

  /**
   * Evaluates an instant query at {@code at}.
   *
   * @throws MetricSourceUnavailableException when the source cannot answer right now
   */
  Result query(String promql, Instant at);

  /** An instant vector: one value per labelled series, with the source's warnings. */
  record Result(List<Sample> samples, List<String> warnings) {
    public Result {
      samples = samples == null ? List.of() : List.copyOf(samples);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static Result of(List<Sample> samples) {
      return new Result(samples, List.of());
    }
  }

  /** One series' value. */
  record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
  }
}
