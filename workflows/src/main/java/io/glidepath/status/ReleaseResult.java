package io.glidepath.status;

import java.util.List;
import java.util.Map;

/**
 * The end of a release: its phase, every region's outcome, and a one-paragraph summary.
 *
 * @param before per region, what served before this release (found by its preflight); empty in
 *     releases that ended before it existed. {@code release revert} releases it again.
 * @param budgets per region, each objective's remaining error budget before the region started and
 *     when the release ended; empty without {@code slo} (and in releases before budgets existed)
 */
public record ReleaseResult(
    String releaseId,
    ReleasePhase phase,
    List<RegionResult> regions,
    String summary,
    Map<String, Baseline> before,
    Map<String, BudgetSpent> budgets) {
  public ReleaseResult {
    regions = regions == null ? List.of() : List.copyOf(regions);
    before = before == null ? Map.of() : Map.copyOf(before);
    // In the spec's order of regions, as the summary lists them.
    budgets =
        budgets == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(budgets));
  }

  /**
   * What a region spent of its error budget during the release: each objective's remaining budget
   * (1 untouched, below 0 overspent) before it started and at the end; an objective Prometheus had
   * no value for is missing from that side.
   */
  public record BudgetSpent(Map<String, Double> before, Map<String, Double> after) {
    public BudgetSpent {
      before =
          before == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
      after =
          after == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    }

    /**
     * Reads like {@code availability 87% -> 83.5% (spent 3.5%), latency 99% -> 99%}: per objective,
     * the remaining budget before and after, and what went.
     */
    public String describe() {
      java.util.List<String> parts = new java.util.ArrayList<>();
      java.util.Set<String> names = new java.util.LinkedHashSet<>(before.keySet());
      names.addAll(after.keySet());
      for (String name : names) {
        Double b = before.get(name);
        Double a = after.get(name);
        String text =
            name
                + " "
                + (b == null ? "?" : io.glidepath.model.Quantities.percent(b))
                + " -> "
                + (a == null ? "?" : io.glidepath.model.Quantities.percent(a));
        if (b != null && a != null) {
          text += " (spent " + io.glidepath.model.Quantities.percent(b - a) + ")";
        }
        parts.add(text);
      }
      return String.join(", ", parts);
    }
  }

  /**
   * The version and image a region served before the release, and its values at the metric
   * preflight (empty without one).
   */
  public record Baseline(
      String version, String image, List<io.glidepath.analysis.QueryVerdict> checks) {
    public Baseline {
      checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public Baseline(String version, String image) {
      this(version, image, List.of());
    }

    /** The same baseline with the values the metric preflight measured. */
    public Baseline withChecks(List<io.glidepath.analysis.QueryVerdict> measured) {
      return new Baseline(version, image, measured);
    }
  }
}
