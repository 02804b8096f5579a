package io.glidepath.spec;

import static io.glidepath.spec.Problems.blank;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.Bounds;
import io.glidepath.model.FailWhen;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.QuerySpec;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation of {@code analysis}: how often checks run, how many may fail, and each query. */
final class AnalysisRules {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  /** Placeholders a query template may use. */
  static final Set<String> PLACEHOLDERS =
      Set.of("service", "region", "version", "stable_version", "window");

  private AnalysisRules() {}

  static void check(AnalysisSpec a, Problems problems) {
    boolean interval =
        problems.within(
            "analysis.interval",
            a.interval(),
            Bounds.MIN_INTERVAL,
            Bounds.MAX_INTERVAL,
            "interval: 10s");
    problems.count("analysis.failureLimit", a.failureLimit(), 1, Bounds.MAX_CHECK_LIMIT);
    problems.count("analysis.inconclusiveLimit", a.inconclusiveLimit(), 0, Bounds.MAX_CHECK_LIMIT);
    problems.count("analysis.errorLimit", a.errorLimit(), 0, Bounds.MAX_CHECK_LIMIT);
    if (!Double.isFinite(a.minRequestRate())
        || a.minRequestRate() < 0
        || a.minRequestRate() > Bounds.MAX_MIN_REQUEST_RATE) {
      problems.add(
          "analysis.minRequestRate",
          "must be a number from 0 to "
              + MetricUnit.NUMBER.format(Bounds.MAX_MIN_REQUEST_RATE)
              + " requests per second");
    }
    if (problems.within(
            "analysis.maxWindow",
            a.maxWindow(),
            Bounds.MIN_INTERVAL,
            Bounds.MAX_WINDOW,
            "maxWindow: 1h")
        && interval
        && a.maxWindow().compareTo(a.interval()) < 0) {
      problems.add("analysis.maxWindow", "must be at least analysis.interval, e.g. 1h");
    }
    problems.within("analysis.warmup", a.warmup(), Duration.ZERO, Bounds.MAX_WARMUP, "warmup: 1m");
    if (a.queries().size() > Bounds.MAX_QUERIES) {
      problems.add(
          "analysis.queries", a.queries().size() + " queries are more than " + Bounds.MAX_QUERIES);
    }
    for (QuerySpec q : a.queries()) {
      query(q, problems);
      judged(q, a.judge(), problems);
    }
  }

  /** A query setting that the judge in force never reads is refused, naming the one that does. */
  private static void judged(QuerySpec q, JudgeKind judge, Problems problems) {
    String at = "analysis.queries[" + q.name() + "]";
    if (q.maxIncrease() != null && judge != JudgeKind.STATISTICAL) {
      problems.addNew(
          at + ".maxIncrease",
          "has no effect: only the statistical judge reads maxIncrease, and analysis.judge is "
              + judge.id()
              + "; set analysis.judge: statistical, or remove maxIncrease (for a comparison with"
              + " stable under the threshold judge use compare: {factor, floor})");
    }
    if (q.compare() != null && judge == JudgeKind.STATISTICAL) {
      problems.addNew(
          at + ".compare",
          "has no effect: the statistical judge compares with stable by itself and never reads"
              + " compare; use maxIncrease for the allowed effect, or set analysis.judge:"
              + " threshold");
    }
  }

  private static void query(QuerySpec q, Problems problems) {
    String at = "analysis.queries[" + q.name() + "]";
    if (blank(q.query())) {
      problems.add(at + ".query", "required; give the PromQL for '" + q.name() + "'");
      return;
    }
    Matcher m = PLACEHOLDER.matcher(q.query());
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        problems.add(
            at + ".query",
            "unknown placeholder {{"
                + m.group(1)
                + "}}; use service, region, version, stable_version or window");
      }
    }
    if (q.compare() != null) {
      if (q.failWhen() != FailWhen.ABOVE) {
        problems.add(
            at + ".compare",
            "only queries that fail above a threshold can be compared with stable; remove"
                + " compare or use failWhen: above");
      }
      if (!(q.compare().factor() >= 1 && q.compare().factor() <= Bounds.MAX_COMPARE_FACTOR)) {
        problems.add(
            at + ".compare.factor",
            MetricUnit.NUMBER.format(q.compare().factor())
                + " is outside 1 to "
                + MetricUnit.NUMBER.format(Bounds.MAX_COMPARE_FACTOR)
                + ": how many times stable's value is allowed");
      }
      problems.bounded(at + ".compare.floor", q.compare().floor(), q.unit());
    }
    if (q.threshold() != null) {
      problems.bounded(at + ".threshold", q.threshold(), q.unit());
    }
    if (q.failureLimit() != null) {
      problems.count(at + ".failureLimit", q.failureLimit(), 1, Bounds.MAX_CHECK_LIMIT);
    }
    if (q.maxIncrease() != null
        && !(q.maxIncrease() >= 1 && q.maxIncrease() <= Bounds.MAX_COMPARE_FACTOR)) {
      problems.add(
          at + ".maxIncrease",
          MetricUnit.NUMBER.format(q.maxIncrease())
              + " is outside 1 to "
              + MetricUnit.NUMBER.format(Bounds.MAX_COMPARE_FACTOR)
              + ": how many times stable's value the statistical judge allows, e.g. 1.5");
    }
  }
}
