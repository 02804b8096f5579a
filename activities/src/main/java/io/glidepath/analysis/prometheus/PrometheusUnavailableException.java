package io.glidepath.analysis.prometheus;

/**
 * Prometheus could not answer now: unreachable, timed out, or a 5xx such as 503. Transient: a check
 * records it as an {@code error} verdict, and the window's error limit decides what it means.
 */
public class PrometheusUnavailableException
    extends io.glidepath.analysis.MetricSourceUnavailableException {
  public PrometheusUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
