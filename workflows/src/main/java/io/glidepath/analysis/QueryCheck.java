package io.glidepath.analysis;

import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;

/**
 * One query to evaluate at each check, with its resolved threshold.
 *
 * @param query PromQL template; the adapter fills the placeholders
 * @param failureLimit consecutive failing checks that end the window as failed
 */
public record QueryCheck(
    String name,
    String query,
    MetricUnit unit,
    FailWhen failWhen,
    double threshold,
    int failureLimit) {

  /** Judges one measured value against this check's threshold. */
  public Verdict judge(double value) {
    if (Double.isNaN(value)) {
      return Verdict.INCONCLUSIVE;
    }
    boolean bad = failWhen == FailWhen.ABOVE ? value > threshold : value < threshold;
    return bad ? Verdict.FAIL : Verdict.PASS;
  }
}
