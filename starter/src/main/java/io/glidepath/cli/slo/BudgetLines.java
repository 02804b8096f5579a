package io.glidepath.cli.slo;

import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.ReleaseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error budget lines of {@code release status}: per region, the latest budget reading of the
 * release's timeline (before the release, before the region started, or what it spent at the end).
 */
public final class BudgetLines {
  private BudgetLines() {}

  /** One line per region with a budget reading; empty for releases without {@code slo}. */
  public static String of(ReleaseStatus s) {
    Map<String, String> latest = new LinkedHashMap<>();
    for (Decision d : s.timeline()) {
      if (d.kind() == DecisionKind.BUDGET && d.what() != null) {
        latest.put(d.what(), d.why());
      }
    }
    StringBuilder out = new StringBuilder();
    latest.forEach(
        (what, why) -> out.append("  ").append(what).append(": ").append(why).append('\n'));
    return out.toString();
  }
}
