package io.glidepath.analysis;

import static io.glidepath.analysis.JudgeText.count;
import static io.glidepath.analysis.JudgeText.effectText;
import static io.glidepath.analysis.JudgeText.pct;
import static io.glidepath.analysis.JudgeText.ratio;

import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * The statistical judge: the new version against the stable one over the same window. Pure; the
 * tests come from Apache Commons Statistics.
 *
 * <ul>
 *   <li>Error ratios: a one-sided Fisher exact test on the 2x2 table of failed and served requests
 *       of each side, so it accounts for how many requests each side served.
 *   <li>Latency: from the histogram buckets, the share of each side's requests above the bucket
 *       bound that holds stable's quantile, compared with the same test; the effect is the ratio of
 *       the two quantiles as {@code histogram_quantile} estimates them.
 *   <li>A failure needs both significance (p below {@code 1 - confidence}) and an effect above the
 *       query's {@code maxIncrease}.
 *   <li>Too few requests on the new version: inconclusive, never pass or fail.
 *   <li>Absolute thresholds are ceilings: the new version fails when it is significantly above one
 *       and stable is not; when both are above it, the problem is shared and the verdict is
 *       inconclusive (not the new version's fault, but not a pass either).
 *   <li>Gauges (CPU, memory, user queries) have no sample sizes: judged on the effect and the
 *       ceiling only.
 * </ul>
 */
public final class StatisticalJudge {
  /**
   * 99.95% confidence (a release runs dozens of tests: three metrics and the tail beyond p99, each
   * over the window and the stage so far, a window every check), 100 requests at least, 2 expected
   * requests in a latency tail at least.
   */
  public static final StatisticalJudge DEFAULT = new StatisticalJudge(0.9995, 100, 2);

  private final double confidence;
  private final long minRequests;
  private final double minTail;
  private final JudgeRules rules;
  private final LatencyJudge latencyJudge;

  /**
   * @param confidence one-sided confidence a failure needs, e.g. 0.99
   * @param minRequests requests of the new version below which a verdict is inconclusive
   * @param minTail requests expected above a latency quantile below which it is inconclusive
   */
  public StatisticalJudge(double confidence, long minRequests, double minTail) {
    this.confidence = confidence;
    this.minRequests = minRequests;
    this.minTail = minTail;
    this.rules = new JudgeRules(confidence);
    this.latencyJudge = new LatencyJudge(this);
  }

  long minRequests() {
    return minRequests;
  }

  double minTail() {
    return minTail;
  }

  JudgeRules rules() {
    return rules;
  }

  public double confidence() {
    return confidence;
  }

  /** The allowed effect of a query that does not set {@code maxIncrease}. */
  public static double defaultMaxIncrease(String name) {
    return switch (name) {
      case Defaults.ERROR_RATE -> 1.5;
      case Defaults.P95_LATENCY, Defaults.P99_LATENCY -> 1.2;
      case Defaults.CPU -> 1.5;
      default -> 1.25;
    };
  }

  /**
   * What the judge decided and why.
   *
   * @param canary the new version's value (error ratio, quantile or gauge), NaN when none
   * @param stable the stable version's value, NaN when none
   * @param effect canary / stable (stable / canary for queries that fail below), NaN when none
   * @param pValue the test's one-sided p-value, NaN when no test ran
   * @param rule the rule that decided: {@code min-sample}, {@code ceiling}, {@code shared-ceiling},
   *     {@code significant-effect}, {@code not-significant}, {@code within-effect}, {@code
   *     no-stable}, {@code gauge-effect}
   */
  public record Outcome(
      Verdict verdict,
      double canary,
      double stable,
      long canaryRequests,
      long stableRequests,
      double effect,
      double pValue,
      String rule,
      String explanation) {

    /** The same figures under another verdict, rule and explanation (hold instead of fail). */
    Outcome instead(Verdict verdict, String rule, String explanation) {
      return new Outcome(
          verdict,
          canary,
          stable,
          canaryRequests,
          stableRequests,
          effect,
          pValue,
          rule,
          explanation);
    }
  }

  /**
   * What each side showed in the window (its value and its requests): the figures every outcome of
   * one comparison carries, whatever rule decides it.
   */
  record Seen(double canary, double stable, long canaryRequests, long stableRequests) {
    Outcome fail(double effect, double p, String rule, String why) {
      return outcome(Verdict.FAIL, effect, p, rule, why);
    }

    Outcome pass(double effect, double p, String rule, String why) {
      return outcome(Verdict.PASS, effect, p, rule, why);
    }

    Outcome inconclusive(double effect, double p, String rule, String why) {
      return outcome(Verdict.INCONCLUSIVE, effect, p, rule, why);
    }

    private Outcome outcome(Verdict verdict, double effect, double p, String rule, String why) {
      return new Outcome(
          verdict, canary, stable, canaryRequests, stableRequests, effect, p, rule, why);
    }
  }

  /** Judges error ratios: {@code canaryBad} of {@code canaryN} against stable's (present). */
  public Outcome errorRatio(
      long canaryBad,
      long canaryN,
      long stableBad,
      long stableN,
      double maxIncrease,
      double ceiling) {
    return errorRatio(canaryBad, canaryN, stableBad, stableN, true, maxIncrease, ceiling);
  }

  /**
   * Judges error ratios: {@code canaryBad} of {@code canaryN} against stable's; {@code
   * stablePresent} is false when stable has no series at all (its scrape is gone).
   */
  public Outcome errorRatio(
      long canaryBad,
      long canaryN,
      long stableBad,
      long stableN,
      boolean stablePresent,
      double maxIncrease,
      double ceiling) {
    double c = canaryN > 0 ? (double) canaryBad / canaryN : Double.NaN;
    double s = stableN > 0 ? (double) stableBad / stableN : Double.NaN;
    String sides =
        "new "
            + ratio(canaryBad, canaryN)
            + " vs stable "
            + (!stablePresent
                ? "no data"
                : stableN > 0 ? ratio(stableBad, stableN) : "no requests");
    double effect = (canaryBad + 0.5) / (canaryN + 1.0) / ((stableBad + 0.5) / (stableN + 1.0));
    Seen seen = new Seen(c, s, canaryN, stableN);
    if (JudgeRules.hasCeiling(ceiling) && canaryN > 0 && c > ceiling) {
      Outcome over =
          rules.ceiling(
              seen,
              effect,
              canaryBad,
              Math.min(1, Math.max(0, ceiling)),
              stablePresent && stableN >= minRequests && s > ceiling,
              sides,
              pct(ceiling),
              " (" + effectText(effect, maxIncrease) + ")",
              "new version's error ratio above the ceiling " + pct(ceiling));
      if (over != null) {
        return over;
      }
    }
    if (canaryN < minRequests) {
      return seen.inconclusive(
          Double.NaN,
          Double.NaN,
          "min-sample",
          sides + "; fewer than " + minRequests + " requests on the new version: too few to judge");
    }
    Outcome noStable = JudgeRules.noStable(seen, stablePresent, sides);
    if (noStable != null) {
      return noStable;
    }
    double p =
        JudgeRules.fisher(
            canaryBad, canaryN, stableBad, stableN, AlternativeHypothesis.GREATER_THAN);
    String why =
        sides + "; " + effectText(effect, maxIncrease) + "; one-sided Fisher " + rules.pValue(p);
    if (p < rules.alpha() && effect > maxIncrease) {
      return seen.fail(
          effect,
          p,
          "significant-effect",
          why + " -> fail: significantly worse and beyond the allowed effect");
    }
    double better =
        effect < 1 / maxIncrease
            ? JudgeRules.fisher(
                canaryBad, canaryN, stableBad, stableN, AlternativeHypothesis.LESS_THAN)
            : 1;
    if (better < rules.alpha()) {
      return rules.stableWorse(seen, effect, better, sides);
    }
    if (p >= rules.alpha()) {
      // Could the test have seen the allowed effect? Stable's rate times maxIncrease, on the new
      // version's requests, must itself be significant.
      double base = stableBad > 0 ? (double) stableBad / stableN : 0.5 / stableN;
      double allowed = Math.min(1, base * maxIncrease);
      long k = Math.round(canaryN * allowed);
      double pAllowed =
          JudgeRules.fisher(k, canaryN, stableBad, stableN, AlternativeHypothesis.GREATER_THAN);
      if (pAllowed >= rules.alpha()) {
        return seen.inconclusive(
            effect,
            p,
            "power",
            why
                + "; too few requests to tell: even "
                + ratio(k, canaryN)
                + " ("
                + String.format(java.util.Locale.ROOT, "%.2fx", maxIncrease)
                + " stable) would not be significant -> inconclusive: needs "
                + rules.needed(base, allowed, canaryN, stableN));
      }
    }
    return seen.pass(
        effect,
        p,
        p < rules.alpha() ? "within-effect" : "not-significant",
        why
            + (p < rules.alpha()
                ? " -> pass: worse, but within the allowed effect"
                : " -> pass: no significant difference, and "
                    + count(canaryN)
                    + " requests could have shown the allowed effect"));
  }

  /** Judges the {@code q} quantile of latency from both sides' histograms. */
  public Outcome latency(
      double q, Histogram canary, Histogram stable, double maxIncrease, double ceiling) {
    return latency(q, canary, stable, maxIncrease, ceiling, stable != null);
  }

  /** Judges a gauge (no sample sizes): the effect and the ceiling only; see {@link GaugeJudge}. */
  public Outcome gauge(
      double canary,
      double stable,
      FailWhen failWhen,
      MetricUnit unit,
      double maxIncrease,
      double threshold) {
    return GaugeJudge.judge(canary, stable, failWhen, unit, maxIncrease, threshold);
  }

  /**
   * Judges the {@code q} quantile of latency from both sides' histograms; {@code stablePresent} is
   * false when stable has no series at all (its scrape is gone). See {@link LatencyJudge}.
   */
  public Outcome latency(
      double q,
      Histogram canary,
      Histogram stable,
      double maxIncrease,
      double ceiling,
      boolean stablePresent) {
    return latencyJudge.judge(q, canary, stable, maxIncrease, ceiling, stablePresent);
  }

  /** A failure soon after a shift that is fading: see {@link JudgeRules#settling}. */
  public Outcome settling(
      Outcome full,
      Outcome late,
      long earlyBad,
      long earlyN,
      long lateBad,
      long lateN,
      long sinceShiftSeconds,
      long warmupSeconds,
      long lateSeconds) {
    return rules.settling(
        full,
        late,
        earlyBad,
        earlyN,
        lateBad,
        lateN,
        sinceShiftSeconds,
        warmupSeconds,
        lateSeconds);
  }
}
