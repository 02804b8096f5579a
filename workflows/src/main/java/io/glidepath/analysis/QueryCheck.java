package io.glidepath.analysis;

import io.glidepath.model.Comparison;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;

/**
 * One query to evaluate at each check, with its resolved threshold.
 *
 * @param query PromQL template; the adapter fills the placeholders
 * @param threshold the absolute threshold; {@link Double#MAX_VALUE} when only {@code compare} sets
 *     one
 * @param failureLimit consecutive failing checks that end the window as failed
 * @param compare judge against the stable version as well, or {@code null}
 * @param maxIncrease the statistical judge's allowed effect, or {@code null} for its default
 */
public record QueryCheck(
    String name,
    String query,
    MetricUnit unit,
    FailWhen failWhen,
    double threshold,
    int failureLimit,
    Comparison compare,
    Double maxIncrease) {

  /** A check without an allowed effect of its own. */
  public QueryCheck(
      String name,
      String query,
      MetricUnit unit,
      FailWhen failWhen,
      double threshold,
      int failureLimit,
      Comparison compare) {
    this(name, query, unit, failWhen, threshold, failureLimit, compare, null);
  }

  /** A check without a comparison against stable. */
  public QueryCheck(
      String name,
      String query,
      MetricUnit unit,
      FailWhen failWhen,
      double threshold,
      int failureLimit) {
    this(name, query, unit, failWhen, threshold, failureLimit, null, null);
  }

  /**
   * The threshold once the stable version measured {@code stableValue}: the lower of the absolute
   * threshold and {@code max(floor, factor x stable)}.
   */
  public double thresholdAgainst(double stableValue) {
    return Math.min(threshold, Math.max(compare.floor(), compare.factor() * stableValue));
  }

  /** This check with another threshold. */
  public QueryCheck withThreshold(double newThreshold) {
    return new QueryCheck(
        name, query, unit, failWhen, newThreshold, failureLimit, compare, maxIncrease);
  }

  /** Judges one measured value against this check's threshold. */
  public Verdict judge(double value) {
    if (Double.isNaN(value)) {
      return Verdict.INCONCLUSIVE;
    }
    boolean bad = failWhen == FailWhen.ABOVE ? value > threshold : value < threshold;
    return bad ? Verdict.FAIL : Verdict.PASS;
  }
}
