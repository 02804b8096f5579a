package io.glidepath.analysis;

import static io.glidepath.analysis.JudgeText.count;
import static io.glidepath.analysis.JudgeText.effectText;
import static io.glidepath.analysis.JudgeText.ms;
import static io.glidepath.analysis.JudgeText.pct;
import static io.glidepath.analysis.JudgeText.ratio;
import static io.glidepath.analysis.JudgeText.toInt;

import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.FisherExactTest;

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

  /**
   * The test beyond p99 is one more chance to fail on noise: it asks ten times the significance,
   * and 5 requests expected there on each side.
   */
  static final double DEEP_TAIL_STRICTER = 10;

  static final double DEEP_TAIL_EXPECTED = 5;

  /** How sure the judge must be that a failure soon after a shift is fading, to hold instead. */
  static final double SETTLING_ALPHA = 0.01;

  private final double confidence;
  private final long minRequests;
  private final double minTail;

  /**
   * @param confidence one-sided confidence a failure needs, e.g. 0.99
   * @param minRequests requests of the new version below which a verdict is inconclusive
   * @param minTail requests expected above a latency quantile below which it is inconclusive
   */
  public StatisticalJudge(double confidence, long minRequests, double minTail) {
    this.confidence = confidence;
    this.minRequests = minRequests;
    this.minTail = minTail;
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
      String explanation) {}

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
    boolean hasCeiling = ceiling != Double.MAX_VALUE && Double.isFinite(ceiling);
    if (hasCeiling && canaryN > 0 && c > ceiling) {
      double p =
          BinomialTest.withDefaults()
              .with(AlternativeHypothesis.GREATER_THAN)
              .test(toInt(canaryN), toInt(canaryBad), Math.min(1, Math.max(0, ceiling)))
              .getPValue();
      if (p < alpha()) {
        String rule = "new version's error ratio above the ceiling " + pct(ceiling);
        if (stablePresent && stableN >= minRequests && s > ceiling) {
          return new Outcome(
              Verdict.INCONCLUSIVE,
              c,
              s,
              canaryN,
              stableN,
              effect,
              p,
              "shared-ceiling",
              sides
                  + "; both above the ceiling "
                  + pct(ceiling)
                  + ": a shared problem, not the new version's ("
                  + effectText(effect, maxIncrease)
                  + "); hold and alert");
        }
        return new Outcome(
            Verdict.FAIL,
            c,
            s,
            canaryN,
            stableN,
            effect,
            p,
            "ceiling",
            sides + "; " + rule + ", binomial " + pValue(p) + " -> fail");
      }
    }
    if (canaryN < minRequests) {
      return new Outcome(
          Verdict.INCONCLUSIVE,
          c,
          s,
          canaryN,
          stableN,
          Double.NaN,
          Double.NaN,
          "min-sample",
          sides + "; fewer than " + minRequests + " requests on the new version: too few to judge");
    }
    Outcome noStable = noStable(c, s, canaryN, stableN, stablePresent, sides);
    if (noStable != null) {
      return noStable;
    }
    double p = fisher(canaryBad, canaryN, stableBad, stableN, AlternativeHypothesis.GREATER_THAN);
    String why = sides + "; " + effectText(effect, maxIncrease) + "; one-sided Fisher " + pValue(p);
    if (p < alpha() && effect > maxIncrease) {
      return new Outcome(
          Verdict.FAIL,
          c,
          s,
          canaryN,
          stableN,
          effect,
          p,
          "significant-effect",
          why + " -> fail: significantly worse and beyond the allowed effect");
    }
    double better =
        effect < 1 / maxIncrease
            ? fisher(canaryBad, canaryN, stableBad, stableN, AlternativeHypothesis.LESS_THAN)
            : 1;
    if (better < alpha()) {
      return stableWorse(c, s, canaryN, stableN, effect, better, sides, maxIncrease);
    }
    if (p >= alpha()) {
      // Could the test have seen the allowed effect? Stable's rate times maxIncrease, on the new
      // version's requests, must itself be significant.
      double base = stableBad > 0 ? (double) stableBad / stableN : 0.5 / stableN;
      double allowed = Math.min(1, base * maxIncrease);
      long k = Math.round(canaryN * allowed);
      double pAllowed = fisher(k, canaryN, stableBad, stableN, AlternativeHypothesis.GREATER_THAN);
      if (pAllowed >= alpha()) {
        return new Outcome(
            Verdict.INCONCLUSIVE,
            c,
            s,
            canaryN,
            stableN,
            effect,
            p,
            "power",
            why
                + "; too few requests to tell: even "
                + ratio(k, canaryN)
                + " ("
                + String.format(java.util.Locale.ROOT, "%.2fx", maxIncrease)
                + " stable) would not be significant -> inconclusive: needs "
                + needed(base, allowed, canaryN, stableN));
      }
    }
    return new Outcome(
        Verdict.PASS,
        c,
        s,
        canaryN,
        stableN,
        effect,
        p,
        p < alpha() ? "within-effect" : "not-significant",
        why
            + (p < alpha()
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

  /**
   * Judges the {@code q} quantile of latency from both sides' histograms; {@code stablePresent} is
   * false when stable has no series at all (its scrape is gone).
   */
  public Outcome latency(
      double q,
      Histogram canary,
      Histogram stable,
      double maxIncrease,
      double ceiling,
      boolean stablePresent) {
    long canaryN = Math.round(canary == null ? 0 : canary.total());
    long stableN = Math.round(stable == null ? 0 : stable.total());
    double c = canaryN > 0 ? canary.quantile(q) : Double.NaN;
    double s = stableN > 0 ? stable.quantile(q) : Double.NaN;
    String label = "p" + Math.round(q * 100);
    String sides =
        "new "
            + label
            + " "
            + ms(c)
            + " ("
            + count(canaryN)
            + " req) vs stable "
            + (!stablePresent
                ? "no data"
                : stableN > 0 ? ms(s) + " (" + count(stableN) + " req)" : "no requests");
    long needed = Math.max(minRequests, (long) Math.ceil(minTail / (1 - q)));
    boolean stableOk = stablePresent && stableN >= needed;
    double effect = stableOk && s > 0 ? c / s : Double.NaN;
    boolean hasCeiling = ceiling != Double.MAX_VALUE && Double.isFinite(ceiling);
    if (hasCeiling && canaryN > 0 && c > ceiling) {
      int i = canary.boundAtOrAbove(ceiling);
      long above = Math.round(canary.above(i));
      double p =
          BinomialTest.withDefaults()
              .with(AlternativeHypothesis.GREATER_THAN)
              .test(toInt(canaryN), toInt(above), 1 - q)
              .getPValue();
      if (p < alpha()) {
        if (stableOk && s > ceiling) {
          return new Outcome(
              Verdict.INCONCLUSIVE,
              c,
              s,
              canaryN,
              stableN,
              effect,
              p,
              "shared-ceiling",
              sides
                  + "; both above the ceiling "
                  + ms(ceiling)
                  + ": a shared problem, not the new version's; hold and alert");
        }
        return new Outcome(
            Verdict.FAIL,
            c,
            s,
            canaryN,
            stableN,
            effect,
            p,
            "ceiling",
            sides
                + "; "
                + count(above)
                + " requests above "
                + ms(canary.bounds()[i])
                + ", more than "
                + pct(1 - q)
                + " of them: "
                + label
                + " above the ceiling "
                + ms(ceiling)
                + ", binomial "
                + pValue(p)
                + " -> fail");
      }
    }
    if (canaryN < needed) {
      return new Outcome(
          Verdict.INCONCLUSIVE,
          c,
          s,
          canaryN,
          stableN,
          Double.NaN,
          Double.NaN,
          "min-sample",
          sides
              + "; fewer than "
              + needed
              + " requests on the new version: too few to judge its "
              + label);
    }
    Outcome noStable = noStable(c, s, canaryN, stableN, stablePresent, sides);
    if (noStable != null) {
      return noStable;
    }
    int i = stable.bucketOf(q);
    if (Double.isInfinite(stable.bounds()[i]) && i > 0) {
      i--;
    }
    double bound = stable.bounds()[i];
    long ca = Math.round(canary.above(i));
    long sa = Math.round(stable.above(i));
    double p = fisher(ca, canaryN, sa, stableN, AlternativeHypothesis.GREATER_THAN);
    String tail =
        sides
            + "; above "
            + ms(bound)
            + ": new "
            + ratio(ca, canaryN)
            + " vs stable "
            + ratio(sa, stableN);
    String why = tail + "; " + effectText(effect, maxIncrease) + "; one-sided Fisher " + pValue(p);
    if (p < alpha() && effect > maxIncrease) {
      return new Outcome(
          Verdict.FAIL,
          c,
          s,
          canaryN,
          stableN,
          effect,
          p,
          "significant-effect",
          why + " -> fail: significantly worse and beyond the allowed effect");
    }
    Outcome deep = deepTail(q, canary, stable, canaryN, stableN, maxIncrease, why);
    if (deep != null) {
      return deep;
    }
    double better =
        effect < 1 / maxIncrease
            ? fisher(ca, canaryN, sa, stableN, AlternativeHypothesis.LESS_THAN)
            : 1;
    if (better < alpha()) {
      return stableWorse(c, s, canaryN, stableN, effect, better, tail, maxIncrease);
    }
    if (p >= alpha()) {
      // A new version maxIncrease times slower would have stable's share above bound/maxIncrease
      // above the bound: would that share, on the new version's requests, be significant?
      double share = stable.aboveValue(bound / maxIncrease) / stableN;
      long k = Math.round(canaryN * share);
      double pAllowed = fisher(k, canaryN, sa, stableN, AlternativeHypothesis.GREATER_THAN);
      if (pAllowed >= alpha()) {
        double base = Math.max(sa, 0.5) / stableN;
        return new Outcome(
            Verdict.INCONCLUSIVE,
            c,
            s,
            canaryN,
            stableN,
            effect,
            p,
            "power",
            why
                + "; too few requests to tell: even "
                + ratio(k, canaryN)
                + " above "
                + ms(bound)
                + " (a "
                + label
                + " "
                + String.format(java.util.Locale.ROOT, "%.2fx", maxIncrease)
                + " stable's) would not be significant -> inconclusive: needs "
                + needed(base, Math.max(share, base), canaryN, stableN));
      }
    }
    return new Outcome(
        Verdict.PASS,
        c,
        s,
        canaryN,
        stableN,
        effect,
        p,
        p < alpha() ? "within-effect" : "not-significant",
        why
            + (p < alpha()
                ? " -> pass: worse, but within the allowed effect"
                : " -> pass: no significant difference, and "
                    + count(canaryN)
                    + " requests could have shown the allowed effect"));
  }

  /**
   * For the highest quantile judged (p99), the tail beyond it: a regression in the slowest 0.1%
   * leaves p99 flat. The same test at the quantile ten times further out ({@code 1 - (1 - q) /
   * 10}), when both sides have enough requests to expect {@code minTail} there; a failure when it
   * is significantly worse and beyond the allowed effect, else null.
   */
  private Outcome deepTail(
      double q,
      Histogram canary,
      Histogram stable,
      long canaryN,
      long stableN,
      double maxIncrease,
      String why) {
    double deep = 1 - (1 - q) / 10;
    if (q < 0.99 || Math.min(canaryN, stableN) < DEEP_TAIL_EXPECTED / (1 - deep)) {
      return null;
    }
    int i = stable.bucketOf(deep);
    if (Double.isInfinite(stable.bounds()[i]) && i > 0) {
      i--;
    }
    double c = canary.quantile(deep);
    double s = stable.quantile(deep);
    double effect = s > 0 ? c / s : Double.NaN;
    if (!(effect > maxIncrease)) {
      return null;
    }
    long ca = Math.round(canary.above(i));
    long sa = Math.round(stable.above(i));
    double p = fisher(ca, canaryN, sa, stableN, AlternativeHypothesis.GREATER_THAN);
    if (p >= alpha() / DEEP_TAIL_STRICTER) {
      return null;
    }
    String label = String.format(java.util.Locale.ROOT, "p%.1f", deep * 100);
    return new Outcome(
        Verdict.FAIL,
        canary.quantile(q),
        stable.quantile(q),
        canaryN,
        stableN,
        effect,
        p,
        "tail",
        why
            + "; further out, "
            + label
            + ": new "
            + ms(c)
            + " vs stable "
            + ms(s)
            + ", above "
            + ms(stable.bounds()[i])
            + ": new "
            + ratio(ca, canaryN)
            + " vs stable "
            + ratio(sa, stableN)
            + "; "
            + effectText(effect, maxIncrease)
            + "; one-sided Fisher "
            + JudgeText.p(1 - alpha() / DEEP_TAIL_STRICTER, p)
            + " -> fail: the slowest requests are significantly slower, beyond the allowed effect");
  }

  /**
   * A failure soon after a traffic shift that reads like a warm-up outlasting {@code
   * analysis.warmup}: the new version's first part of the range ({@code earlyBad} of {@code earlyN}
   * slow or failed) is significantly worse (one-sided Fisher, 99%) than its last {@code
   * lateSeconds} ({@code lateBad} of {@code lateN}), and that last part alone is within the allowed
   * effect. Inconclusive (hold, not roll back) when so; null when not.
   */
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
    if (earlyN <= 0 || lateN <= 0 || earlyBad < 0 || lateBad < 0) {
      return null;
    }
    double p = fisher(earlyBad, earlyN, lateBad, lateN, AlternativeHypothesis.GREATER_THAN);
    if (p >= SETTLING_ALPHA) {
      return null;
    }
    return new Outcome(
        Verdict.INCONCLUSIVE,
        full.canary(),
        full.stable(),
        full.canaryRequests(),
        full.stableRequests(),
        full.effect(),
        full.pValue(),
        "settling",
        full.explanation()
            + "; but the traffic shifted "
            + sinceShiftSeconds
            + " s ago and the new version is settling: its earlier requests were worse ("
            + ratio(earlyBad, earlyN)
            + ") than its last "
            + lateSeconds
            + " s ("
            + ratio(lateBad, lateN)
            + "), one-sided Fisher p="
            + String.format(java.util.Locale.ROOT, "%.4f", p)
            + " < 0.01, and the last "
            + lateSeconds
            + " s alone are within the allowed effect (effect "
            + String.format(java.util.Locale.ROOT, "%.2fx", late.effect())
            + "): a warm-up longer than analysis.warmup ("
            + warmupSeconds
            + " s)? -> inconclusive: hold, judged again at the next check");
  }

  /** A stable side that cannot be compared with: never a pass. Null when stable can be. */
  private static Outcome noStable(
      double c, double s, long canaryN, long stableN, boolean stablePresent, String sides) {
    if (!stablePresent) {
      return new Outcome(
          Verdict.INCONCLUSIVE,
          c,
          s,
          canaryN,
          stableN,
          Double.NaN,
          Double.NaN,
          "no-stable-data",
          sides
              + "; stable has no data (its scrape is gone?): the new version cannot be compared"
              + " with it, and the ceiling alone is no evidence that it is fine -> inconclusive:"
              + " hold and alert");
    }
    if (stableN <= 0) {
      return new Outcome(
          Verdict.INCONCLUSIVE,
          c,
          s,
          canaryN,
          stableN,
          Double.NaN,
          Double.NaN,
          "no-stable",
          sides
              + "; stable served no requests in the window: nothing to compare with ->"
              + " inconclusive");
    }
    return null;
  }

  private Outcome stableWorse(
      double c,
      double s,
      long canaryN,
      long stableN,
      double effect,
      double p,
      String sides,
      double maxIncrease) {
    return new Outcome(
        Verdict.INCONCLUSIVE,
        c,
        s,
        canaryN,
        stableN,
        effect,
        p,
        "stable-worse",
        sides
            + "; stable is significantly worse than the new version (effect "
            + String.format(java.util.Locale.ROOT, "%.2fx", effect)
            + ", one-sided Fisher "
            + pValue(p)
            + "): trouble on stable alone (a noisy neighbour?), so the comparison cannot clear"
            + " the new version -> inconclusive: hold and alert");
  }

  private static double fisher(
      long bad, long n, long stableBad, long stableN, AlternativeHypothesis direction) {
    return FisherExactTest.withDefaults()
        .with(direction)
        .test(
            new int[][] {
              {toInt(bad), toInt(n - bad)},
              {toInt(stableBad), toInt(stableN - stableBad)}
            })
        .getPValue();
  }

  /**
   * About how many requests of the new version a rate of {@code allowed} against stable's {@code
   * base} (of {@code stableN}) needs to be significant: the normal approximation of the two-sample
   * test, as text.
   */
  private String needed(double base, double allowed, long canaryN, long stableN) {
    double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha());
    double mean = (base + allowed) / 2;
    double room = (allowed - base) * (allowed - base) / (z * z * mean * (1 - mean)) - 1.0 / stableN;
    if (!(room > 0)) {
      return "more requests on both sides: with stable's "
          + count(stableN)
          + ", no number of requests on the new version would do";
    }
    double n = Math.ceil(1 / room);
    return "about "
        + count((long) Math.max(canaryN + 1, Math.min(n, 1e15)))
        + " requests on the new version";
  }

  private double alpha() {
    return 1 - confidence;
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

  private String pValue(double p) {
    return JudgeText.p(confidence, p);
  }
}
