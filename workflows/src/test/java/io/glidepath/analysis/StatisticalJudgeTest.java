package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import org.junit.jupiter.api.Test;

class StatisticalJudgeTest {
  private final StatisticalJudge judge = StatisticalJudge.DEFAULT;
  private static final double[] LE = {0.05, 0.1, 0.2, 0.4, 0.8, Double.POSITIVE_INFINITY};

  @Test
  void oneErrorInFiftyIsTooFewToJudge() {
    StatisticalJudge.Outcome o = judge.errorRatio(1, 50, 20, 10_000, 1.5, 0.01);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict());
    assertEquals("min-sample", o.rule());
  }

  @Test
  void oneErrorInTwoHundredIsNotSignificantlyAboveTheCeilingButTooFewToPass() {
    StatisticalJudge.Outcome o = judge.errorRatio(2, 200, 20, 10_000, 1.5, 0.008);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict(), o.explanation());
    assertEquals("power", o.rule());
  }

  @Test
  void aThreeTimesErrorRateAtASmallServiceIsInconclusiveNotAPass() {
    StatisticalJudge.Outcome o = judge.errorRatio(2, 480, 6, 4_366, 1.5, 0.01);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict(), o.explanation());
    assertEquals("power", o.rule());
    assertTrue(o.explanation().contains("2 of 480"), o.explanation());
    assertTrue(o.explanation().contains("6 of 4,366"), o.explanation());
    assertTrue(o.explanation().contains("needs"), o.explanation());
  }

  @Test
  void enoughRequestsWithoutADifferencePass() {
    StatisticalJudge.Outcome o = judge.errorRatio(205, 100_000, 2_000, 1_000_000, 1.5, 0.01);
    assertEquals(Verdict.PASS, o.verdict(), o.explanation());
    assertEquals("not-significant", o.rule());
    assertTrue(o.explanation().contains("could have shown"), o.explanation());
  }

  @Test
  void aMissingStableSideHoldsEvenUnderTheCeiling() {
    StatisticalJudge.Outcome o = judge.errorRatio(30, 12_000, 0, 0, false, 1.5, 0.01);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict(), o.explanation());
    assertEquals("no-stable-data", o.rule());
    assertTrue(o.explanation().contains("stable has no data"), o.explanation());
  }

  @Test
  void stableMuchWorseThanTheNewVersionIsStableOnlyTrouble() {
    StatisticalJudge.Outcome o = judge.errorRatio(24, 12_000, 2_160, 108_000, 1.5, 0.05);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict(), o.explanation());
    assertEquals("stable-worse", o.rule());
    assertTrue(o.explanation().contains("noisy neighbour"), o.explanation());
  }

  @Test
  void fiveTimesStablesErrorsFailsAndSaysWhy() {
    StatisticalJudge.Outcome o = judge.errorRatio(60, 6_000, 108, 54_000, 1.5, Double.MAX_VALUE);
    assertEquals(Verdict.FAIL, o.verdict());
    assertEquals("significant-effect", o.rule());
    assertTrue(o.explanation().contains("60 of 6,000"), o.explanation());
    assertTrue(o.explanation().contains("108 of 54,000"), o.explanation());
    assertTrue(o.explanation().contains("Fisher"), o.explanation());
    assertTrue(o.explanation().contains("99.95% confidence"), o.explanation());
  }

  @Test
  void aSmallSignificantEffectPasses() {
    StatisticalJudge.Outcome o =
        judge.errorRatio(1_200, 100_000, 10_000, 1_000_000, 1.5, Double.MAX_VALUE);
    assertEquals(Verdict.PASS, o.verdict(), o.explanation());
    assertEquals("within-effect", o.rule());
  }

  @Test
  void aSharedOutageAboveTheCeilingIsInconclusiveNotAFailure() {
    StatisticalJudge.Outcome o = judge.errorRatio(600, 3_000, 5_400, 27_000, 1.5, 0.01);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict());
    assertEquals("shared-ceiling", o.rule());
  }

  @Test
  void theCeilingStillFailsTheNewVersionAlone() {
    StatisticalJudge.Outcome o = judge.errorRatio(90, 3_000, 54, 27_000, 100, 0.01);
    assertEquals(Verdict.FAIL, o.verdict());
    assertEquals("ceiling", o.rule());
  }

  @Test
  void slowerLatencyDistributionFails() {
    Histogram stable = Histogram.ofCounts(LE, new long[] {2000, 4000, 3000, 800, 190, 10});
    Histogram canary = Histogram.ofCounts(LE, new long[] {100, 300, 300, 200, 90, 10});
    StatisticalJudge.Outcome o = judge.latency(0.95, canary, stable, 1.2, Double.MAX_VALUE);
    assertEquals(Verdict.FAIL, o.verdict(), o.explanation());
    assertTrue(o.explanation().contains("p95"), o.explanation());
  }

  @Test
  void sameLatencyDistributionPasses() {
    Histogram stable = Histogram.ofCounts(LE, new long[] {2000, 4000, 3000, 800, 190, 10});
    Histogram canary = Histogram.ofCounts(LE, new long[] {200, 400, 300, 80, 19, 1});
    StatisticalJudge.Outcome o = judge.latency(0.95, canary, stable, 1.2, Double.MAX_VALUE);
    assertEquals(Verdict.PASS, o.verdict(), o.explanation());
  }

  @Test
  void quantileMatchesHistogramQuantile() {
    Histogram h = Histogram.ofCounts(LE, new long[] {50, 50, 0, 0, 0, 0});
    assertEquals(0.05, h.quantile(0.5), 1e-9);
    assertEquals(0.075, h.quantile(0.75), 1e-9);
  }

  @Test
  void aGaugeIsJudgedOnItsEffect() {
    StatisticalJudge.Outcome o = judge.gauge(0.7, 0.5, FailWhen.ABOVE, MetricUnit.RATIO, 1.25, 0.9);
    assertEquals(Verdict.FAIL, o.verdict());
    assertEquals("gauge-effect", o.rule());
  }

  @Test
  void aRegressionBeyondP99FailsOnTheDeeperTail() {
    double[] le = {0.1, 0.2, 0.3, 0.4, 0.8, 1.6, 3.2, Double.POSITIVE_INFINITY};
    // Same body; the new version has 0.6% of its requests above 0.8 s, stable 0.05%.
    Histogram stable =
        Histogram.ofCounts(le, new long[] {50_000, 30_000, 15_000, 4_000, 950, 40, 10, 0});
    Histogram canary = Histogram.ofCounts(le, new long[] {5_000, 3_000, 1_500, 400, 40, 40, 20, 0});
    StatisticalJudge.Outcome o = judge.latency(0.99, canary, stable, 1.2, Double.MAX_VALUE);
    assertEquals(Verdict.FAIL, o.verdict(), o.explanation());
    assertEquals("tail", o.rule());
    assertTrue(o.explanation().contains("p99.9"), o.explanation());
  }

  @Test
  void aFailureWhoseFirstHalfIsMuchWorseIsSettlingNotARegression() {
    StatisticalJudge.Outcome full = judge.errorRatio(60, 6_000, 108, 54_000, 1.5, Double.MAX_VALUE);
    StatisticalJudge.Outcome late = judge.errorRatio(6, 3_000, 54, 27_000, 1.5, Double.MAX_VALUE);
    StatisticalJudge.Outcome o = judge.settling(full, late, 54, 3_000, 6, 3_000, 150, 60, 60);
    assertEquals(Verdict.INCONCLUSIVE, o.verdict(), o.explanation());
    assertEquals("settling", o.rule());
    assertTrue(o.explanation().contains("analysis.warmup"), o.explanation());
    // An even regression is no warm-up.
    assertEquals(null, judge.settling(full, late, 30, 3_000, 30, 3_000, 150, 60, 60));
  }
}
