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
        verdicts.add(
            q.compare() == null
                ? judge(q, promql, prometheus.query(promql, now), null)
                : compared(q, promql, vars, now));
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

  /**
   * Judges the new version against the stable one: the same query for the stable version sets the
   * limit, {@code max(floor, factor x stable)}, under the absolute threshold if there is one.
   */
  private QueryVerdict compared(
      QueryCheck q, String promql, Map<String, String> vars, Instant now) {
    String stableVersion = vars.get("stable_version");
    Double stable = null;
    if (!stableVersion.isEmpty()) {
      Map<String, String> stableVars = new java.util.HashMap<>(vars);
      stableVars.put("version", stableVersion);
      PromResult r = prometheus.query(QueryTemplates.render(q.query(), stableVars), now);
      stable = worst(q, r);
    }
    PromResult result = prometheus.query(promql, now);
    if (stable == null) {
      if (q.threshold() == Double.MAX_VALUE) {
        return verdict(
            q,
            promql,
            Verdict.INCONCLUSIVE,
            worst(q, result),
            "stable version has no data to compare with");
      }
      return judge(
          q, promql, result, "stable version has no data; judged on the absolute threshold");
    }
    QueryCheck against = q.withThreshold(q.thresholdAgainst(stable));
    return judge(
        against,
        promql,
        result,
        "limit max("
            + q.unit().format(q.compare().floor())
            + ", "
            + MetricUnit.NUMBER.format(q.compare().factor())
            + "x stable "
            + q.unit().format(stable)
            + ")");
  }

  /** The worst value of the result's series for this check's direction, or null when none. */
  private static Double worst(QueryCheck q, PromResult result) {
    Double worst = null;
    for (PromResult.Series s : result.series()) {
      double v = s.last();
      if (!Double.isNaN(v)) {
        worst =
            worst == null
                ? v
                : q.failWhen() == FailWhen.ABOVE ? Math.max(worst, v) : Math.min(worst, v);
      }
    }
    return worst;
  }

  private static QueryVerdict judge(QueryCheck q, String promql, PromResult result, String note) {
    if (result.series().isEmpty()) {
      return verdict(q, promql, Verdict.INCONCLUSIVE, null, "empty result");
    }
    // Several series (one per pod, say): judge the worst of them.
    Double worst = worst(q, result);
    if (worst == null) {
      return verdict(
          q, promql, Verdict.INCONCLUSIVE, Double.NaN, "NaN (no requests in the window?)");
    }
    List<String> details = new ArrayList<>();
    if (note != null) {
      details.add(note);
    }
    if (!result.warnings().isEmpty()) {
      details.add("warnings: " + String.join("; ", result.warnings()));
    }
    return verdict(
        q, promql, q.judge(worst), worst, details.isEmpty() ? null : String.join("; ", details));
  }

  private static QueryVerdict verdict(
      QueryCheck q, String promql, Verdict v, Double value, String detail) {
    return new QueryVerdict(
        q.name(), v, value, q.threshold(), q.failWhen(), q.unit(), promql, detail);
  }
}
