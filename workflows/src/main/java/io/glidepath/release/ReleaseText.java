package io.glidepath.release;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.Control;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.Words;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The sentences a release says about itself: current details, summary, gate needs. */
final class ReleaseText {
  private ReleaseText() {}

  /** The Markdown the Temporal Web UI shows as the release workflow's current details. */
  static String details(
      ReleaseSpec spec,
      ReleasePhase phase,
      boolean paused,
      Collection<RegionStatus> regions,
      Collection<String> openGates) {
    StringBuilder md =
        new StringBuilder(
            "**"
                + spec.service()
                + " "
                + spec.version()
                + "**: "
                + Words.of(phase)
                + (paused ? " (paused)" : "")
                + "\n");
    // A list, not a table: the Web UI draws a Markdown table without cell padding or rules, so
    // its columns run together ("stageweightlast verdict").
    for (RegionStatus r : regions) {
      md.append("\n- **").append(r.region()).append("**: ").append(Words.of(r.phase()));
      if (r.stage() == 0 && r.weight() == 0 && r.lastVerdict() == null) {
        continue; // not started: its phase says all there is
      }
      md.append(", stage ")
          .append(r.stage())
          .append(" of ")
          .append(r.stages())
          .append(", ")
          .append(r.weight())
          .append("% on the new version, last verdict ")
          .append(r.lastVerdict() == null ? "none yet" : Words.of(r.lastVerdict().verdict()));
    }
    if (!openGates.isEmpty()) {
      md.append("\n\nwaiting for approval: ").append(String.join(", ", openGates));
    }
    return md.toString();
  }

  /** The measured values of a window's last check, e.g. ": cpu 31% <= 60%, memory 40% <= 60%". */
  static String values(io.glidepath.analysis.WindowSummary s) {
    return s.last().isEmpty()
        ? ""
        : ": "
            + s.last().stream()
                .map(io.glidepath.analysis.QueryVerdict::describe)
                .collect(Collectors.joining(", "));
  }

  /** What a gate still needs, e.g. "still needs 1 sre and 1 functional", or "approved". */
  static String missing(Map<String, Integer> missing) {
    return missing.isEmpty()
        ? "approved"
        : "still needs "
            + missing.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(" and "));
  }

  static String describe(ReleaseSpec spec, String requestedBy) {
    return spec.service()
        + " "
        + spec.version()
        + " to "
        + spec.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", "))
        + " ("
        + spec.rollout().mode().id()
        + ", "
        + spec.strategy().type().id()
        + ", requested by "
        + requestedBy
        + ")";
  }

  /** One line per release: how it ended, who stopped it, and each region's outcome and cause. */
  static String summary(
      ReleaseSpec spec, ReleasePhase end, List<RegionResult> results, Control stoppedBy) {
    StringBuilder out =
        new StringBuilder(spec.service() + " " + spec.version() + " " + Words.of(end));
    if (stoppedBy != null) {
      out.append(" (").append(stoppedBy.by()).append(": ").append(stoppedBy.reason()).append(")");
    }
    out.append(". ");
    out.append(
        results.stream()
            .map(
                r ->
                    r.region()
                        + ": "
                        + Words.of(r.outcome())
                        + (r.outcome() == RegionOutcome.ROLLED_BACK
                                || r.outcome() == RegionOutcome.FAILED
                            ? " at stage " + r.stage() + " (" + r.reason() + ")"
                            : ""))
            .collect(Collectors.joining("; ")));
    return out.toString();
  }

  /** The error budget each region spent, for the summary; empty without budgets. */
  static String budgets(
      java.util.Map<String, io.glidepath.status.ReleaseResult.BudgetSpent> spent) {
    if (spent.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(". Error budget left:");
    spent.forEach(
        (region, s) ->
            out.append(' ').append(region).append(": ").append(s.describe()).append(';'));
    out.setLength(out.length() - 1);
    return out.append('.').toString();
  }
}
