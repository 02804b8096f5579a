package io.glidepath.analysis.prometheus;

import java.time.Duration;
import java.util.Map;

/**
 * How to reach Prometheus, as the worker resolves it from its configuration: the base URL, a
 * timeout, and bearer or basic auth plus custom headers for managed services. Credentials are
 * values resolved by the worker from the environment or files, never from a release spec.
 */
public record PrometheusConfig(
    String baseUrl,
    Duration timeout,
    String bearerToken,
    String username,
    String password,
    Map<String, String> headers) {
  public PrometheusConfig {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** An unauthenticated Prometheus at {@code baseUrl}. */
  public static PrometheusConfig at(String baseUrl) {
    return new PrometheusConfig(baseUrl, null, null, null, null, null);
  }

  /** Never prints credentials or header values. */
  @Override
  public String toString() {
    return "PrometheusConfig[baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + ", auth="
        + (bearerToken != null ? "bearer" : username != null ? "basic" : "none")
        + ", headers="
        + headers.keySet()
        + "]";
  }
}
