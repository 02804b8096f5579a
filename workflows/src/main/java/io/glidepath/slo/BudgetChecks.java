package io.glidepath.slo;

import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.QueryCheck;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.Quantities;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.SloSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The remaining error budget of a region, read as one check per objective through the analysis
 * activity ({@code CheckOnce}): the recorded {@link PrometheusRules#BUDGET_REMAINING} series, which
 * fails below the spec's {@code slo.minBudget}. Without a floor nothing fails; the values are only
 * recorded.
 */
public final class BudgetChecks {
  /** Check names start with this, so a budget reads apart from the stage checks. */
  public static final String PREFIX = "budget ";

  private BudgetChecks() {}

  /** One check of every objective's remaining budget in {@code region}, now. */
  public static ObservationRequest request(String releaseId, ReleaseSpec spec, String region) {
    SloSpec slo = spec.slo();
    double floor = slo.minBudget() == null ? -Double.MAX_VALUE : slo.minBudget();
    List<QueryCheck> checks =
        slo.objectives().stream()
            .map(
                o ->
                    new QueryCheck(
                        PREFIX + o.name(),
                        PrometheusRules.budgetRemaining(spec.service(), o, region),
                        MetricUnit.RATIO,
                        FailWhen.BELOW,
                        floor,
                        1))
            .toList();
    return new ObservationRequest(
        releaseId,
        spec.service(),
        region,
        spec.version(),
        null,
        spec.analysis().interval(),
        spec.analysis().interval(),
        checks,
        1,
        1,
        0,
        null);
  }

  /**
   * Reads like {@code availability 12% left < 25%, latency 96% left}: each objective's remaining
   * budget, against the floor where it is under it, or why it could not be read.
   */
  public static String describe(List<QueryVerdict> verdicts) {
    return verdicts.stream().map(BudgetChecks::describe).collect(Collectors.joining(", "));
  }

  private static String describe(QueryVerdict v) {
    String name = v.name().startsWith(PREFIX) ? v.name().substring(PREFIX.length()) : v.name();
    if (v.value() == null) {
      return name
          + " unknown ("
          + (v.detail() == null ? v.verdict().name().toLowerCase() : v.detail())
          + "; are the rules of glidepath slo rules loaded?)";
    }
    return name
        + " "
        + Quantities.percent(v.value())
        + " left"
        + (v.verdict() == Verdict.FAIL ? " < " + Quantities.percent(v.threshold()) : "");
  }

  /** The remaining budget of each objective in {@code verdicts}; unknown ones are left out. */
  public static java.util.Map<String, Double> values(List<QueryVerdict> verdicts) {
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (QueryVerdict v : verdicts) {
      if (v.value() != null) {
        out.put(
            v.name().startsWith(PREFIX) ? v.name().substring(PREFIX.length()) : v.name(),
            v.value());
      }
    }
    return out;
  }
}
