package io.glidepath.slo;

import io.glidepath.analysis.QueryCheck;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.SloSpec;
import io.glidepath.model.SloSpec.BurnAlert;
import io.glidepath.model.SloSpec.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast-burn checks of an observation window: for every objective and every {@code page} pair of
 * the spec's burn-rate alerts, the smaller of the region's two recorded burn rates, which fails
 * above the pair's factor: both windows burn faster than it, as the alert says. One failing check
 * rolls the region back like any breach, and its verdict names the objective, both windows and how
 * fast they burned.
 */
public final class BurnChecks {
  /** The {@code Workflow.getVersion} change id: from 1 on, windows check the fast burn. */
  public static final String VERSION = "slo-fast-burn";

  private BurnChecks() {}

  /** The checks for {@code region}; empty when the spec has no objectives or no page pair. */
  public static List<QueryCheck> checks(ReleaseSpec spec, String region) {
    SloSpec slo = spec.slo();
    List<QueryCheck> out = new ArrayList<>();
    if (slo == null) {
      return out;
    }
    for (Objective o : slo.objectives()) {
      for (BurnAlert a : slo.fastBurns()) {
        out.add(
            new QueryCheck(
                name(o, a),
                query(spec.service(), o, a, region),
                MetricUnit.NUMBER,
                FailWhen.ABOVE,
                a.factor(),
                1));
      }
    }
    return out;
  }

  /** Reads like {@code availability burn rate over 1h and 5m}. */
  static String name(Objective o, BurnAlert a) {
    return o.name()
        + " burn rate over "
        + PrometheusRules.window(a.longWindow())
        + " and "
        + PrometheusRules.window(a.shortWindow());
  }

  /** The smaller of the two recorded burn rates of {@code a} in {@code region}. */
  static String query(String service, Objective o, BurnAlert a, String region) {
    // One selector over both names: "or" would match the two series as one (it ignores names).
    return "min({__name__=~\""
        + PrometheusRules.BURN_RATE
        + "("
        + PrometheusRules.window(a.longWindow())
        + "|"
        + PrometheusRules.window(a.shortWindow())
        + ")\",service=\""
        + service
        + "\",slo=\""
        + o.name()
        + "\",region=\""
        + region
        + "\"})";
  }
}
