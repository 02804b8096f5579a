package io.glidepath.analysis;

import static io.glidepath.analysis.JudgeText.count;
import static io.glidepath.analysis.JudgeText.ratio;
import static io.glidepath.analysis.JudgeText.toInt;

import io.glidepath.analysis.StatisticalJudge.Outcome;
import io.glidepath.analysis.StatisticalJudge.Seen;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * What the statistical judge's tests share: the significance asked, the one-sided Fisher test, how
 * many requests a window would need (the power rule), and the outcomes that hold instead of
 * passing: no stable side to compare with, trouble on stable alone, a new version still settling
 * after a shift.
 */
final class JudgeRules {
  /**
   * The test beyond p99 is one more chance to fail on noise: it asks ten times the significance,
   * and 5 requests expected there on each side.
   */
  static final double DEEP_TAIL_STRICTER = 10;

  static final double DEEP_TAIL_EXPECTED = 5;

  /** How sure the judge must be that a failure soon after a shift is fading, to hold instead. */
  static final double SETTLING_ALPHA = 0.01;

  private final double confidence;

  JudgeRules(double confidence) {
    this.confidence = confidence;
  }

  double alpha() {
    return 1 - confidence;
  }

  String pValue(double p) {
    return JudgeText.p(confidence, p);
  }

  static double fisher(
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
  String needed(double base, double allowed, long canaryN, long stableN) {
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

  /** Whether a query has a ceiling (an absolute threshold) at all. */
  static boolean hasCeiling(double ceiling) {
    return ceiling != Double.MAX_VALUE && Double.isFinite(ceiling);
  }

  /**
   * The ceiling, one rule for errors and latency: {@code beyond} of the new version's requests were
   * beyond it, and a one-sided binomial test says significantly more than the {@code allowedShare}
   * the ceiling allows. Then the new version fails, unless stable is beyond it too ({@code
   * stableBeyond}): a shared problem, held and alerted. Null when not significant.
   */
  Outcome ceiling(
      Seen seen,
      double effect,
      long beyond,
      double allowedShare,
      boolean stableBeyond,
      String sides,
      String ceiling,
      String sharedDetail,
      String failDetail) {
    double p =
        BinomialTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN)
            .test(toInt(seen.canaryRequests()), toInt(beyond), allowedShare)
            .getPValue();
    if (p >= alpha()) {
      return null;
    }
    if (stableBeyond) {
      return seen.inconclusive(
          effect,
          p,
          "shared-ceiling",
          sides
              + "; both above the ceiling "
              + ceiling
              + ": a shared problem, not the new version's"
              + sharedDetail
              + "; hold and alert");
    }
    return seen.fail(
        effect, p, "ceiling", sides + "; " + failDetail + ", binomial " + pValue(p) + " -> fail");
  }

  /** A stable side that cannot be compared with: never a pass. Null when stable can be. */
  static Outcome noStable(Seen seen, boolean stablePresent, String sides) {
    if (!stablePresent) {
      return seen.inconclusive(
          Double.NaN,
          Double.NaN,
          "no-stable-data",
          sides
              + "; stable has no data (its scrape is gone?): the new version cannot be compared"
              + " with it, and the ceiling alone is no evidence that it is fine -> inconclusive:"
              + " hold and alert");
    }
    if (seen.stableRequests() <= 0) {
      return seen.inconclusive(
          Double.NaN,
          Double.NaN,
          "no-stable",
          sides
              + "; stable served no requests in the window: nothing to compare with ->"
              + " inconclusive");
    }
    return null;
  }

  Outcome stableWorse(Seen seen, double effect, double p, String sides) {
    return seen.inconclusive(
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

  /**
   * A failure soon after a traffic shift that reads like a warm-up outlasting {@code
   * analysis.warmup}: the new version's first part of the range ({@code earlyBad} of {@code earlyN}
   * slow or failed) is significantly worse (one-sided Fisher, 99%) than its last {@code
   * lateSeconds} ({@code lateBad} of {@code lateN}), and that last part alone is within the allowed
   * effect. Inconclusive (hold, not roll back) when so; null when not.
   */
  Outcome settling(
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
    return full.instead(
        Verdict.INCONCLUSIVE,
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
}
