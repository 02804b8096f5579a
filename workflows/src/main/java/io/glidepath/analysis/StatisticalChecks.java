package io.glidepath.analysis;

import io.glidepath.model.Defaults;
import io.glidepath.model.QuerySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches what the {@link StatisticalJudge} needs for one query, for the new version and the stable
 * one over the same window, and turns its outcome into a {@link QueryVerdict}. The built-in
 * error-rate and latency queries are judged on request counts and histogram buckets (the same
 * metrics the built-in PromQL reads); any other query is judged as a gauge.
 */
public final class StatisticalChecks {
  /** Requests served in the window. */
  public static final String REQUESTS =
      "sum(increase(http_server_requests_seconds_count{" + Defaults.SELECTOR + "}[{{window}}]))";

  /** Requests answered with a 5xx in the window. */
  public static final String ERRORS =
      "sum(increase(http_server_requests_seconds_count{"
          + Defaults.SELECTOR
          + ",status=~\"5..\"}[{{window}}]))";

  /** The latency histogram of the window, one series per bucket bound. */
  public static final String BUCKETS =
      "sum by (le) (increase(http_server_requests_seconds_bucket{"
          + Defaults.SELECTOR
          + "}[{{window}}]))";

  private final MetricSource source;
  private final StatisticalJudge judge;

  public StatisticalChecks(MetricSource source, StatisticalJudge judge) {
    this.source = source;
    this.judge = judge;
  }

  /**
   * What a query is judged on: {@code 0} for the error ratio, the quantile for a latency query,
   * {@code null} for a gauge. Only the built-in queries with their built-in PromQL count.
   */
  public static Double countBased(String name, String query) {
    for (QuerySpec d :
        java.util.stream.Stream.concat(Defaults.QUERIES.stream(), Defaults.FLAG_QUERIES.stream())
            .toList()) {
      if (d.name().equals(name) && d.query().equals(query)) {
        return switch (name) {
          case Defaults.ERROR_RATE -> 0.0;
          case Defaults.P95_LATENCY -> 0.95;
          case Defaults.P99_LATENCY -> 0.99;
          default -> null;
        };
      }
    }
    return null;
  }

  static Double countBased(QuerySpec q) {
    return countBased(q.name(), q.query());
  }

  /** Judges {@code q}; {@code promql} is its rendered text for the new version. */
  QueryVerdict check(QueryCheck q, String promql, Map<String, String> vars, Instant now) {
    return check(q, promql, vars, now, null, null, null);
  }

  /**
   * Judges {@code q}; {@code note}, when there is one, says what the window read (a warm-up); a
   * count-based query whose window is too small to tell is judged again over {@code pooled} (a
   * PromQL range: the stage so far after its warm-up), when there is one.
   */
  QueryVerdict check(
      QueryCheck q,
      String promql,
      Map<String, String> vars,
      Instant now,
      String note,
      String pooled,
      Settle settle) {
    String stableVersion = vars.getOrDefault("stable_version", "");
    Map<String, String> stableVars = new HashMap<>(vars);
    stableVars.put("version", stableVersion);
    boolean hasStable = !stableVersion.isEmpty();
    double maxIncrease =
        q.maxIncrease() != null ? q.maxIncrease() : StatisticalJudge.defaultMaxIncrease(q.name());
    Double kind = countBased(q.name(), q.query());
    StatisticalJudge.Outcome o;
    String shown;
    if (kind == null) {
      Double canary = Checks.worst(q, source.query(promql, now));
      if (canary == null) {
        return missing(q, promql);
      }
      Double stable =
          hasStable
              ? Checks.worst(q, source.query(QueryTemplates.render(q.query(), stableVars), now))
              : null;
      o =
          judge.gauge(
              canary,
              stable == null ? Double.NaN : stable,
              q.failWhen(),
              q.unit(),
              maxIncrease,
              q.threshold());
      shown = promql;
    } else {
      Counted c = counted(kind, q, vars, now, maxIncrease, hasStable);
      if (c.missing != null) {
        return missing(q, c.missing);
      }
      o = c.outcome;
      shown = c.shown;
      long range = settle == null ? 0 : settle.windowSeconds();
      if (pooled != null && (o.verdict() == Verdict.PASS || "power".equals(o.rule()))) {
        // The window alone showed nothing: the same test over the stage so far, since the
        // warm-up ended, has more requests. It decides when it fails, or when the window alone
        // was too small to tell.
        Map<String, String> stage = new HashMap<>(vars);
        stage.put("window", pooled);
        Counted p = counted(kind, q, stage, now, maxIncrease, hasStable);
        if (p.missing == null
            && (p.outcome.verdict() == Verdict.FAIL || "power".equals(o.rule()))) {
          String why =
              "power".equals(o.rule())
                  ? "too few requests in the window alone, so judged over the stage so far"
                  : "the window alone passed; over the stage so far";
          o = p.outcome;
          shown = p.shown;
          c = p;
          note = why + ": the last " + pooled + (note == null ? "" : "; " + note);
          range = settle == null ? 0 : settle.pooledSeconds();
        }
      }
      if (o.verdict() == Verdict.FAIL && settle != null && range > 0) {
        StatisticalJudge.Outcome settling =
            settling(kind, q, vars, now, maxIncrease, hasStable, c, range, settle);
        if (settling != null) {
          o = settling;
        }
      }
    }
    return new QueryVerdict(
        q.name(),
        o.verdict(),
        Double.isNaN(o.canary()) ? null : o.canary(),
        q.threshold(),
        q.failWhen(),
        q.unit(),
        shown,
        o.rule(),
        note == null ? o.explanation() : o.explanation() + " (" + note + ")");
  }

  /**
   * Where a check stands after the last traffic shift, for telling a warm-up that outlasts {@code
   * analysis.warmup} from a regression.
   *
   * @param sinceShiftSeconds seconds from the shift to the check
   * @param warmupSeconds the spec's warm-up
   * @param windowSeconds the window's range read by the check
   * @param pooledSeconds the stage's range after the warm-up, 0 when not pooled
   */
  record Settle(
      long sinceShiftSeconds, long warmupSeconds, long windowSeconds, long pooledSeconds) {}

  /**
   * A failure that reads like a warm-up lasting longer than {@code analysis.warmup}: the range
   * starts soon after a shift, its first half is significantly worse than its second, and the
   * second alone is within the allowed effect. Null when it does not.
   */
  private StatisticalJudge.Outcome settling(
      double kind,
      QueryCheck q,
      Map<String, String> vars,
      Instant now,
      double maxIncrease,
      boolean hasStable,
      Counted full,
      long range,
      Settle settle) {
    long startAfterShift = settle.sinceShiftSeconds() - range;
    long late = range / 2;
    if (startAfterShift >= 2 * settle.warmupSeconds()
        || late < Checks.MIN_AFTER_WARMUP.toSeconds()) {
      return null;
    }
    Map<String, String> recent = new HashMap<>(vars);
    recent.put("window", QueryTemplates.promDuration(java.time.Duration.ofSeconds(late)));
    Counted l = counted(kind, q, recent, now, maxIncrease, hasStable);
    if (l.missing() != null
        || l.outcome().verdict() == Verdict.FAIL
        || !(l.outcome().effect() <= maxIncrease)) {
      return null;
    }
    long earlyBad;
    long earlyN;
    long lateBad;
    long lateN;
    if (kind == 0.0) {
      earlyBad = full.bad() - l.bad();
      earlyN = full.n() - l.n();
      lateBad = l.bad();
      lateN = l.n();
    } else {
      int i = full.stable().bucketOf(kind);
      if (Double.isInfinite(full.stable().bounds()[i]) && i > 0) {
        i--;
      }
      lateBad = Math.round(l.canary().above(i));
      lateN = Math.round(l.canary().total());
      earlyBad = Math.round(full.canary().above(i)) - lateBad;
      earlyN = Math.round(full.canary().total()) - lateN;
    }
    return judge.settling(
        full.outcome(),
        l.outcome(),
        earlyBad,
        earlyN,
        lateBad,
        lateN,
        settle.sinceShiftSeconds(),
        settle.warmupSeconds(),
        late);
  }

  /** An outcome on counts and the query shown with it, or the query that found no data. */
  private record Counted(
      StatisticalJudge.Outcome outcome,
      String shown,
      String missing,
      long bad,
      long n,
      Histogram canary,
      Histogram stable) {
    Counted(StatisticalJudge.Outcome outcome, String shown, String missing) {
      this(outcome, shown, missing, 0, 0, null, null);
    }
  }

  private Counted counted(
      double kind,
      QueryCheck q,
      Map<String, String> vars,
      Instant now,
      double maxIncrease,
      boolean hasStable) {
    Map<String, String> stableVars = new HashMap<>(vars);
    stableVars.put("version", vars.getOrDefault("stable_version", ""));
    if (kind == 0.0) {
      String requests = QueryTemplates.render(REQUESTS, vars);
      Double canaryN = scalar(source.query(requests, now));
      if (canaryN == null) {
        return new Counted(null, null, requests);
      }
      Double canaryBad = scalar(source.query(QueryTemplates.render(ERRORS, vars), now));
      Double stableN =
          hasStable ? scalar(source.query(QueryTemplates.render(REQUESTS, stableVars), now)) : null;
      Double stableBad =
          hasStable ? scalar(source.query(QueryTemplates.render(ERRORS, stableVars), now)) : null;
      return new Counted(
          judge.errorRatio(
              round(canaryBad),
              round(canaryN),
              round(stableBad),
              round(stableN),
              stableN != null,
              maxIncrease,
              q.threshold()),
          requests,
          null,
          round(canaryBad),
          round(canaryN),
          null,
          null);
    }
    String buckets = QueryTemplates.render(BUCKETS, vars);
    Histogram canary = histogram(source.query(buckets, now));
    if (canary == null) {
      return new Counted(null, null, buckets);
    }
    Histogram stable =
        hasStable ? histogram(source.query(QueryTemplates.render(BUCKETS, stableVars), now)) : null;
    return new Counted(
        judge.latency(kind, canary, stable, maxIncrease, q.threshold(), stable != null),
        buckets,
        null,
        0,
        0,
        canary,
        stable);
  }

  private static QueryVerdict missing(QueryCheck q, String promql) {
    return new QueryVerdict(
        q.name(),
        Verdict.INCONCLUSIVE,
        null,
        q.threshold(),
        q.failWhen(),
        q.unit(),
        promql,
        "no-data",
        "no data for the new version (scrape gone?): never a pass");
  }

  private static long round(Double v) {
    return v == null || v.isNaN() ? 0 : Math.round(v);
  }

  private static Double scalar(MetricSource.Result r) {
    double sum = 0;
    boolean any = false;
    for (MetricSource.Sample s : r.samples()) {
      if (!Double.isNaN(s.value())) {
        sum += s.value();
        any = true;
      }
    }
    return any ? sum : null;
  }

  /** The histogram of a {@code sum by (le)} result, or null when it has no buckets. */
  static Histogram histogram(MetricSource.Result r) {
    List<double[]> buckets = new ArrayList<>();
    for (MetricSource.Sample s : r.samples()) {
      String le = s.labels().get("le");
      if (le == null || Double.isNaN(s.value())) {
        continue;
      }
      double bound =
          switch (le) {
            case "+Inf", "Inf", "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(le);
          };
      buckets.add(new double[] {bound, s.value()});
    }
    if (buckets.isEmpty()) {
      return null;
    }
    buckets.sort(Comparator.comparingDouble(b -> b[0]));
    double[] bounds = new double[buckets.size()];
    double[] cum = new double[buckets.size()];
    double max = 0;
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = buckets.get(i)[0];
      max = Math.max(max, buckets.get(i)[1]); // keep it monotonic despite extrapolation
      cum[i] = max;
    }
    return new Histogram(bounds, cum);
  }
}
