package io.glidepath.analysis;

import static io.glidepath.analysis.JudgeText.effectText;

import io.glidepath.analysis.StatisticalJudge.Outcome;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;

/**
 * The statistical judge's rule for gauges (CPU, memory, user queries): they carry no sample sizes,
 * so no test runs; the new version is judged on its effect against stable and on the ceiling.
 */
final class GaugeJudge {
  private GaugeJudge() {}

  static Outcome judge(
      double canary,
      double stable,
      FailWhen failWhen,
      MetricUnit unit,
      double maxIncrease,
      double threshold) {
    boolean above = failWhen == FailWhen.ABOVE;
    String sides =
        "new "
            + unit.format(canary)
            + " vs stable "
            + (Double.isNaN(stable) ? "no data" : unit.format(stable));
    boolean hasCeiling = threshold != Double.MAX_VALUE && Double.isFinite(threshold);
    boolean canaryOut = hasCeiling && (above ? canary > threshold : canary < threshold);
    boolean stableOut =
        hasCeiling && !Double.isNaN(stable) && (above ? stable > threshold : stable < threshold);
    double effect =
        Double.isNaN(stable)
            ? Double.NaN
            : above
                ? (stable > 0 ? canary / stable : canary > 0 ? Double.POSITIVE_INFINITY : 1)
                : (canary > 0 ? stable / canary : stable > 0 ? Double.POSITIVE_INFINITY : 1);
    String limit = (above ? "ceiling " : "floor ") + unit.format(threshold);
    if (canaryOut && stableOut) {
      return outcome(
          Verdict.INCONCLUSIVE,
          canary,
          stable,
          effect,
          "shared-ceiling",
          sides + "; both beyond the " + limit + ": a shared problem, not the new version's");
    }
    if (canaryOut) {
      return outcome(
          Verdict.FAIL,
          canary,
          stable,
          effect,
          "ceiling",
          sides + "; beyond the " + limit + " -> fail");
    }
    if (Double.isNaN(stable)) {
      return outcome(
          Verdict.PASS,
          canary,
          stable,
          effect,
          "no-stable",
          sides + "; judged on the " + (hasCeiling ? limit : "ceiling (none)") + " only");
    }
    boolean bad = effect > maxIncrease;
    return outcome(
        bad ? Verdict.FAIL : Verdict.PASS,
        canary,
        stable,
        effect,
        "gauge-effect",
        sides
            + "; a gauge, no sample sizes: judged on the effect, "
            + effectText(effect, maxIncrease)
            + (bad ? " -> fail" : " -> pass"));
  }

  private static Outcome outcome(
      Verdict verdict, double canary, double stable, double effect, String rule, String why) {
    return new Outcome(verdict, canary, stable, 0, 0, effect, Double.NaN, rule, why);
  }
}
