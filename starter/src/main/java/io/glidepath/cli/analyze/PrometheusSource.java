package io.glidepath.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.cli.common.Sandboxes;
import java.util.Map;

/**
 * The Prometheus {@code analyze} asks, and why that one: {@code --prometheus-url}, else {@code
 * GLIDEPATH_PROMETHEUS_URL}, else the dev stack's while its sandbox answers (on {@code
 * GLIDEPATH_SANDBOX_URL}, default {@code http://127.0.0.1:7240}: its {@code /sandbox} names its
 * Prometheus), else {@code http://localhost:9090}.
 *
 * @param url the Prometheus base URL
 * @param why where it came from, as the first line of {@code analyze} says
 */
record PrometheusSource(String url, String why) {
  static final String DEFAULT_URL = "http://localhost:9090";

  static PrometheusSource resolve(String option, Map<String, String> env) {
    if (option != null && !option.isBlank()) {
      return new PrometheusSource(option, "--prometheus-url");
    }
    String fromEnv = env.get("GLIDEPATH_PROMETHEUS_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new PrometheusSource(fromEnv, "GLIDEPATH_PROMETHEUS_URL");
    }
    String sandbox = env.getOrDefault("GLIDEPATH_SANDBOX_URL", Sandboxes.URL);
    JsonNode target = Sandboxes.describe(sandbox);
    if (target != null && target.hasNonNull("prometheusUrl")) {
      return new PrometheusSource(
          target.get("prometheusUrl").asText(),
          target.path("realPrometheus").asBoolean()
              ? "the dev stack's Prometheus, named by its sandbox at " + sandbox
              : "the dev stack's own metric provider (no prometheus on its PATH), named by its"
                  + " sandbox at "
                  + sandbox);
    }
    return new PrometheusSource(
        DEFAULT_URL, "the default: no --prometheus-url, GLIDEPATH_PROMETHEUS_URL or dev stack");
  }
}
