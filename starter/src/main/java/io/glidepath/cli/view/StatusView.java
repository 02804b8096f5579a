package io.glidepath.cli.view;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.model.Quantities;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import java.util.stream.Collectors;

/** Renders a release's status as text: a header, one line per region, and what waits on people. */
public final class StatusView {
  private StatusView() {}

  public static String render(ReleaseStatus s) {
    return render(s, null);
  }

  /**
   * The status; {@code startedVia}, when known, is the client identity that started the release,
   * shown beside the name it was started by.
   */
  public static String render(ReleaseStatus s, String startedVia) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s (%s, by %s): %s%s%n",
            s.subject(),
            s.releaseId(),
            who(s.requestedBy(), startedVia),
            Words.of(s.phase()),
            s.paused() ? ", paused" : ""));
    for (RegionStatus r : s.regions()) {
      out.append(region(r)).append(s.feature() == null ? "" : "  " + s.progress(r)).append('\n');
    }
    for (PendingApproval p : s.pendingApprovals()) {
      out.append(
          String.format(
              "  waiting for approval of %s: %s; missing %s%s%n",
              p.gate(),
              p.description(),
              p.missing(),
              p.approvals().isEmpty()
                  ? ""
                  : "; approved by "
                      + p.approvals().stream()
                          .map(a -> who(a.approver(), a.identity()))
                          .collect(Collectors.joining(", "))));
    }
    out.append(io.glidepath.cli.slo.BudgetLines.of(s));
    return out.toString();
  }

  /**
   * One line: region, phase, stage, weight as a bar, the time left in the observation window as a
   * second bar while one runs, and the last verdict with its values.
   */
  public static String region(RegionStatus r) {
    return region(r, System.currentTimeMillis());
  }

  public static String region(RegionStatus r, long nowMillis) {
    String stage = r.stages() == 0 ? "" : r.stage() + "/" + r.stages();
    String bar = weightBar(r.weight());
    String last = verdict(r.lastVerdict());
    String why = r.reason() == null ? "" : "  (" + r.reason() + ")";
    String gate = r.pendingGate() == null ? "" : "  gate " + r.pendingGate();
    return String.format(
        "  %-10s %-12s stage %-5s [%s] %3d%%%s  %s%s%s",
        r.region(),
        Words.of(r.phase()),
        stage,
        bar,
        r.weight(),
        window(r, nowMillis),
        last,
        gate,
        why);
  }

  /** {@code window [###.......] 42s left}: the part of the window still to run; empty if none. */
  public static String window(RegionStatus r, long nowMillis) {
    long length = r.windowEndMillis() - r.windowStartMillis();
    if (r.windowEndMillis() == 0 || length <= 0) {
      return "";
    }
    long left = Math.max(0, Math.min(length, r.windowEndMillis() - nowMillis));
    return "  window ["
        + bar(left, length)
        + "] "
        + Quantities.format(java.time.Duration.ofSeconds((left + 999) / 1000))
        + " left";
  }

  /**
   * Ten characters, {@code #} for the share {@code part} is of {@code whole}, {@code .} the rest.
   */
  public static String bar(long part, long whole) {
    int filled = whole <= 0 ? 0 : (int) Math.max(0, Math.min(10, Math.round(10.0 * part / whole)));
    return "#".repeat(filled) + ".".repeat(10 - filled);
  }

  /** A weight as ten characters, one {@code #} per full 10%. */
  public static String weightBar(int weight) {
    int filled = Math.max(0, Math.min(10, weight / 10));
    return "#".repeat(filled) + ".".repeat(10 - filled);
  }

  public static String verdict(WindowSummary w) {
    if (w == null) {
      return "no verdict yet";
    }
    String values = w.last().stream().map(QueryVerdict::describe).collect(Collectors.joining(", "));
    return Words.of(w.verdict()) + (values.isEmpty() ? "" : ": " + values);
  }

  /**
   * The name a person claimed with the Temporal client identity it came from: {@code bob (via
   * bob@laptop)}; the name alone when the identity is unknown (older clients, Glidepath itself).
   */
  public static String who(String name, String identity) {
    return identity == null || identity.isBlank() ? name : name + " (via " + identity + ")";
  }
}
