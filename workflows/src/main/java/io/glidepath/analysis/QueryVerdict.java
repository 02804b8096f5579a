package io.glidepath.analysis;

import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;

/**
 * The verdict of one query at one check, with what was measured.
 *
 * @param value the measured value, or {@code null} when there was none
 * @param detail why an inconclusive or error verdict was given, else {@code null}
 * @param explanation the statistical judge's account of its verdict (both sides' values and sample
 *     sizes, the effect, the confidence and the rule that decided), else {@code null}
 */
public record QueryVerdict(
    String name,
    Verdict verdict,
    Double value,
    double threshold,
    FailWhen failWhen,
    MetricUnit unit,
    String query,
    String detail,
    String explanation) {

  /** A verdict of the threshold judge. */
  public QueryVerdict(
      String name,
      Verdict verdict,
      Double value,
      double threshold,
      FailWhen failWhen,
      MetricUnit unit,
      String query,
      String detail) {
    this(name, verdict, value, threshold, failWhen, unit, query, detail, null);
  }

  /**
   * Reads like {@code p95-latency 520 ms > 450 ms}: the value against its threshold; a statistical
   * verdict reads as its explanation.
   */
  public String describe() {
    if (explanation != null) {
      return name + " " + verdict.name().toLowerCase() + ": " + explanation;
    }
    if (value == null) {
      return name
          + " "
          + verdict.name().toLowerCase()
          + (detail == null ? "" : " (" + detail + ")");
    }
    String op =
        verdict == Verdict.FAIL
            ? (failWhen == FailWhen.ABOVE ? " > " : " < ")
            : (failWhen == FailWhen.ABOVE ? " <= " : " >= ");
    return name + " " + unit.format(value) + op + unit.format(threshold);
  }
}
