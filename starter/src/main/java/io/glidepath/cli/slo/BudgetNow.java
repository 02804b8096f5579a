package io.glidepath.cli.slo;

import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.slo.BudgetChecks;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * The error budget each region has left now, as {@code glidepath analyze} prints it after the
 * checks: what the budget gate would read before the region starts. It informs; the analyze verdict
 * and exit code stay the checks'.
 */
public final class BudgetNow {
  private BudgetNow() {}

  /** Prints one line per region and objective; nothing when the spec has no {@code slo}. */
  public static void print(
      ReleaseSpec spec, List<RegionSpec> regions, PrometheusChecks checks, PrintWriter out) {
    if (spec.slo() == null) {
      return;
    }
    out.printf(
        "%nerror budget left now (over %s; a region under the floor holds before it starts):%n",
        io.glidepath.slo.PrometheusRules.window(spec.slo().period()));
    for (RegionSpec r : regions) {
      CheckResult result;
      try {
        result =
            checks.check(
                BudgetChecks.request(spec.releaseWorkflowId(), spec, r.name()), Instant.now());
      } catch (RuntimeException e) {
        out.printf("%-10s budget unreadable: %s%n", r.name(), e.getMessage());
        continue;
      }
      for (QueryVerdict q : result.verdicts()) {
        out.printf(
            "%-10s %-22s %8s  %s%n",
            r.name(),
            q.name(),
            q.value() == null ? "-" : Quantities.percent(q.value()),
            q.value() == null
                ? "unknown (" + q.detail() + "; load the rules of glidepath slo rules)"
                : q.verdict() == Verdict.FAIL
                    ? "under the floor " + Quantities.percent(q.threshold()) + ": holds"
                    : spec.slo().minBudget() == null
                        ? "no floor"
                        : "floor " + Quantities.percent(spec.slo().minBudget()));
      }
    }
  }
}
