package io.glidepath.analysis.prometheus;

import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.Checks;
import io.glidepath.analysis.MetricSource;
import io.glidepath.analysis.ObservationRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One check against Prometheus: every query of the request, judged by {@link Checks} on what this
 * adapter fetches. Too little traffic and an empty result are inconclusive, never a pass; an
 * unreachable Prometheus is an error verdict; a query Prometheus rejects fails the activity,
 * non-retryable.
 */
public final class PrometheusChecks {
  private final Checks checks;

  public PrometheusChecks(PrometheusClient prometheus) {
    this.checks = new Checks(source(prometheus));
  }

  /** Prometheus as a {@link MetricSource}: instant queries, the newest point of each series. */
  public static MetricSource source(PrometheusClient prometheus) {
    return (promql, at) -> {
      PromResult r = prometheus.query(promql, at);
      List<MetricSource.Sample> samples = new ArrayList<>();
      for (PromResult.Series s : r.series()) {
        if (!s.points().isEmpty()) {
          samples.add(new MetricSource.Sample(s.labels(), s.last()));
        }
      }
      return new MetricSource.Result(samples, r.warnings());
    };
  }

  /** Runs every query of {@code request} at {@code now}. */
  public CheckResult check(ObservationRequest request, Instant now) {
    return checks.check(request, now);
  }
}
