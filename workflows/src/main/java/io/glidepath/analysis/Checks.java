package io.glidepath.analysis;

import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.Quantities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One check: every query of the request, judged by the request's judge on numbers from a {@link
 * MetricSource}. Too little traffic and an empty result are inconclusive, never a pass; an
 * unreachable source is an error verdict. The Prometheus activity and the evaluation harness both
 * judge through here.
 */
public final class Checks {
  private final MetricSource source;
  private final StatisticalChecks statistical;

  public Checks(MetricSource source) {
    this(source, StatisticalJudge.DEFAULT);
  }

  public Checks(MetricSource source, StatisticalJudge judge) {
    this.source = source;
    this.statistical = new StatisticalChecks(source, judge);
  }

  static final Duration MIN_AFTER_WARMUP = Defaults.MIN_AFTER_WARMUP;

  /** The longest stretch of a stage the statistical judge pools when a window is too small. */
  static final Duration MAX_POOLED = Duration.ofHours(1);

  /** Runs every query of {@code request} at {@code now}. */
  public CheckResult check(ObservationRequest request, Instant now) {
    Map<String, String> vars = new HashMap<>(QueryTemplates.variables(request));
    String warmingUp = null;
    String note = null;
    String pooled = null;
    StatisticalChecks.Settle settle = null;
    long warmupEnd = request.warmupEndMillis();
    if (warmupEnd > 0) {
      long since = now.toEpochMilli() - warmupEnd;
      Duration range = QueryTemplates.rateWindow(request);
      if (since < MIN_AFTER_WARMUP.toMillis()) {
        warmingUp =
            "warming up: traffic shifted "
                + Quantities.format(
                    Duration.ofSeconds(
                        Math.max(0, (now.toEpochMilli() - request.shiftedAtMillis()) / 1000)))
                + " ago; the first "
                + Quantities.format(request.warmup())
                + " after a shift (analysis.warmup) and "
                + Quantities.format(MIN_AFTER_WARMUP)
                + " more are needed before the new version is judged";
      } else if (since >= range.toMillis()) {
        // The stage so far after its warm-up, for a window too small to tell on its own.
        long pooledSeconds = Math.min(since, MAX_POOLED.toMillis()) / 1000;
        pooled = QueryTemplates.promDuration(Duration.ofSeconds(pooledSeconds));
        settle =
            new StatisticalChecks.Settle(
                (now.toEpochMilli() - request.shiftedAtMillis()) / 1000,
                request.warmup().toSeconds(),
                range.toSeconds(),
                pooledSeconds);
      } else if (since < range.toMillis()) {
        // Read only what came after the warm-up: the rate window starts at its end.
        Duration read = Duration.ofSeconds(since / 1000);
        vars.put("window", QueryTemplates.promDuration(read));
        settle =
            new StatisticalChecks.Settle(
                (now.toEpochMilli() - request.shiftedAtMillis()) / 1000,
                request.warmup().toSeconds(),
                read.toSeconds(),
                0);
        note =
            "read over the last "
                + Quantities.format(read)
                + ", after the "
                + Quantities.format(request.warmup())
                + " warm-up that followed the traffic shift";
      }
    }
    String lowTraffic = warmingUp != null ? null : trafficGuard(request, vars, now);
    List<QueryVerdict> verdicts = new ArrayList<>();
    for (QueryCheck q : request.checks()) {
      String promql = QueryTemplates.render(q.query(), vars);
      if (warmingUp != null) {
        verdicts.add(
            new QueryVerdict(
                q.name(),
                Verdict.INCONCLUSIVE,
                null,
                q.threshold(),
                q.failWhen(),
                q.unit(),
                promql,
                "warm-up",
                warmingUp));
        continue;
      }
      if (lowTraffic != null) {
        verdicts.add(verdict(q, promql, Verdict.INCONCLUSIVE, null, lowTraffic));
        continue;
      }
      try {
        if (request.judge() == JudgeKind.STATISTICAL) {
          verdicts.add(statistical.check(q, promql, vars, now, note, pooled, settle));
        } else {
          verdicts.add(
              q.compare() == null
                  ? judge(q, promql, source.query(promql, now), null)
                  : compared(q, promql, vars, now));
        }
      } catch (MetricSourceUnavailableException e) {
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
      MetricSource.Result r =
          source.query(QueryTemplates.render(request.requestRateQuery(), vars), now);
      double rate = r.samples().isEmpty() ? 0 : r.samples().get(0).value();
      if (Double.isNaN(rate) || rate < request.minRequestRate()) {
        return "too little traffic: "
            + MetricUnit.NUMBER.format(Double.isNaN(rate) ? 0 : rate)
            + " req/s < "
            + MetricUnit.NUMBER.format(request.minRequestRate());
      }
      return null;
    } catch (MetricSourceUnavailableException e) {
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
      Map<String, String> stableVars = new HashMap<>(vars);
      stableVars.put("version", stableVersion);
      stable = worst(q, source.query(QueryTemplates.render(q.query(), stableVars), now));
    }
    MetricSource.Result result = source.query(promql, now);
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
  static Double worst(QueryCheck q, MetricSource.Result result) {
    Double worst = null;
    for (MetricSource.Sample s : result.samples()) {
      double v = s.value();
      if (!Double.isNaN(v)) {
        worst =
            worst == null
                ? v
                : q.failWhen() == FailWhen.ABOVE ? Math.max(worst, v) : Math.min(worst, v);
      }
    }
    return worst;
  }

  private static QueryVerdict judge(
      QueryCheck q, String promql, MetricSource.Result result, String note) {
    if (result.samples().isEmpty()) {
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

  static QueryVerdict verdict(QueryCheck q, String promql, Verdict v, Double value, String detail) {
    return new QueryVerdict(
        q.name(), v, value, q.threshold(), q.failWhen(), q.unit(), promql, detail);
  }
}
