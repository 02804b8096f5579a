package io.glidepath.analysis;

import io.glidepath.analysis.prometheus.PromResult;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusUnavailableException;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One check against Prometheus: every query of the request, judged against its threshold. Too
 * little traffic and an empty result are inconclusive, never a pass; an unreachable Prometheus is
 * an error verdict; a query Prometheus rejects fails the activity, non-retryable.
 */
public final class PrometheusChecks {
  private final PrometheusClient prometheus;

  public PrometheusChecks(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  /** Runs every query of {@code request} at {@code now}. */
  public CheckResult check(ObservationRequest request, Instant now) {
    Map<String, String> vars = QueryTemplates.variables(request);
    String lowTraffic = trafficGuard(request, vars, now);
    List<QueryVerdict> verdicts = new ArrayList<>();
    for (QueryCheck q : request.checks()) {
      String promql = QueryTemplates.render(q.query(), vars);
      if (lowTraffic != null) {
        verdicts.add(verdict(q, promql, Verdict.INCONCLUSIVE, null, lowTraffic));
        continue;
      }
      try {
        verdicts.add(judge(q, promql, prometheus.query(promql, now)));
      } catch (PrometheusUnavailableException e) {
        verdicts.add(verdict(q, promql, Verdict.ERROR, null, e.getMessage()));
      }
    }
    return new CheckResult(now.toEpochMilli(), verdicts);
  }

  /** Why the check cannot judge for lack of traffic, or {@code null} when traffic suffices. */
  private String trafficGuard(ObservationRequest request, Map<String, String> vars, Instant now) {
    if (request.requestRateQuery() == null || request.minRequestRate() <= 0) {
      return null;
    }
    try {
      PromResult r = prometheus.query(QueryTemplates.render(request.requestRateQuery(), vars), now);
      double rate = r.series().isEmpty() ? 0 : r.series().get(0).last();
      if (Double.isNaN(rate) || rate < request.minRequestRate()) {
        return "too little traffic: "
            + MetricUnit.NUMBER.format(Double.isNaN(rate) ? 0 : rate)
            + " req/s < "
            + MetricUnit.NUMBER.format(request.minRequestRate());
      }
      return null;
    } catch (PrometheusUnavailableException e) {
      return null; // each query then reports the outage itself
    }
  }

  private static QueryVerdict judge(QueryCheck q, String promql, PromResult result) {
    if (result.series().isEmpty()) {
      return verdict(q, promql, Verdict.INCONCLUSIVE, null, "empty result");
    }
    // Several series (one per pod, say): judge the worst of them.
    double worst =
        q.failWhen() == FailWhen.ABOVE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    boolean any = false;
    for (PromResult.Series s : result.series()) {
      double v = s.last();
      if (!Double.isNaN(v)) {
        worst = q.failWhen() == FailWhen.ABOVE ? Math.max(worst, v) : Math.min(worst, v);
        any = true;
      }
    }
    if (!any) {
      return verdict(
          q, promql, Verdict.INCONCLUSIVE, Double.NaN, "NaN (no requests in the window?)");
    }
    String detail =
        result.warnings().isEmpty() ? null : "warnings: " + String.join("; ", result.warnings());
    return verdict(q, promql, q.judge(worst), worst, detail);
  }

  private static QueryVerdict verdict(
      QueryCheck q, String promql, Verdict v, Double value, String detail) {
    return new QueryVerdict(
        q.name(), v, value, q.threshold(), q.failWhen(), q.unit(), promql, detail);
  }
}
