package io.glidepath.analysis;

import static io.glidepath.analysis.JudgeText.count;
import static io.glidepath.analysis.JudgeText.effectText;
import static io.glidepath.analysis.JudgeText.ms;
import static io.glidepath.analysis.JudgeText.pct;
import static io.glidepath.analysis.JudgeText.ratio;

import io.glidepath.analysis.StatisticalJudge.Outcome;
import io.glidepath.analysis.StatisticalJudge.Seen;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * The statistical judge's latency test: from both sides' histograms, the share of each side's
 * requests above the bucket bound that holds stable's quantile, compared with a one-sided Fisher
 * test, and for p99 the tail ten times further out.
 */
final class LatencyJudge {
  private final StatisticalJudge judge;
  private final JudgeRules rules;

  LatencyJudge(StatisticalJudge judge) {
    this.judge = judge;
    this.rules = judge.rules();
  }

  /**
   * See {@link StatisticalJudge#latency(double, Histogram, Histogram, double, double, boolean)}.
   */
  Outcome judge(
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
    long needed = Math.max(judge.minRequests(), (long) Math.ceil(judge.minTail() / (1 - q)));
    boolean stableOk = stablePresent && stableN >= needed;
    double effect = stableOk && s > 0 ? c / s : Double.NaN;
    Seen seen = new Seen(c, s, canaryN, stableN);
    if (JudgeRules.hasCeiling(ceiling) && canaryN > 0 && c > ceiling) {
      int i = canary.boundAtOrAbove(ceiling);
      long above = Math.round(canary.above(i));
      Outcome over =
          rules.ceiling(
              seen,
              effect,
              above,
              1 - q,
              stableOk && s > ceiling,
              sides,
              ms(ceiling),
              "",
              count(above)
                  + " requests above "
                  + ms(canary.bounds()[i])
                  + ", more than "
                  + pct(1 - q)
                  + " of them: "
                  + label
                  + " above the ceiling "
                  + ms(ceiling));
      if (over != null) {
        return over;
      }
    }
    if (canaryN < needed) {
      return seen.inconclusive(
          Double.NaN,
          Double.NaN,
          "min-sample",
          sides
              + "; fewer than "
              + needed
              + " requests on the new version: too few to judge its "
              + label);
    }
    Outcome noStable = JudgeRules.noStable(seen, stablePresent, sides);
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
    double p = JudgeRules.fisher(ca, canaryN, sa, stableN, AlternativeHypothesis.GREATER_THAN);
    String tail =
        sides
            + "; above "
            + ms(bound)
            + ": new "
            + ratio(ca, canaryN)
            + " vs stable "
            + ratio(sa, stableN);
    String why =
        tail + "; " + effectText(effect, maxIncrease) + "; one-sided Fisher " + rules.pValue(p);
    if (p < rules.alpha() && effect > maxIncrease) {
      return seen.fail(
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
            ? JudgeRules.fisher(ca, canaryN, sa, stableN, AlternativeHypothesis.LESS_THAN)
            : 1;
    if (better < rules.alpha()) {
      return rules.stableWorse(seen, effect, better, tail);
    }
    if (p >= rules.alpha()) {
      // A new version maxIncrease times slower would have stable's share above bound/maxIncrease
      // above the bound: would that share, on the new version's requests, be significant?
      double share = stable.aboveValue(bound / maxIncrease) / stableN;
      long k = Math.round(canaryN * share);
      double pAllowed =
          JudgeRules.fisher(k, canaryN, sa, stableN, AlternativeHypothesis.GREATER_THAN);
      if (pAllowed >= rules.alpha()) {
        double base = Math.max(sa, 0.5) / stableN;
        return seen.inconclusive(
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
                + rules.needed(base, Math.max(share, base), canaryN, stableN));
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
    if (q < 0.99 || Math.min(canaryN, stableN) < JudgeRules.DEEP_TAIL_EXPECTED / (1 - deep)) {
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
    double p = JudgeRules.fisher(ca, canaryN, sa, stableN, AlternativeHypothesis.GREATER_THAN);
    if (p >= rules.alpha() / JudgeRules.DEEP_TAIL_STRICTER) {
      return null;
    }
    String label = String.format(java.util.Locale.ROOT, "p%.1f", deep * 100);
    return new Seen(canary.quantile(q), stable.quantile(q), canaryN, stableN)
        .fail(
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
                + JudgeText.p(1 - rules.alpha() / JudgeRules.DEEP_TAIL_STRICTER, p)
                + " -> fail: the slowest requests are significantly slower, beyond the allowed effect");
  }
}
