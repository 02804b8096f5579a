package io.glidepath.cli.view;

import io.glidepath.cli.common.Times;
import io.glidepath.model.Quantities;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code release watch} shows: on a terminal one block redrawn in place (a header, a line per
 * region with its countdown, a footer with the open gates and the command that approves them); in a
 * log the same facts without the countdowns, so that a line changes only when something happened.
 *
 * @param startedMillis when the release started (its start event), for the elapsed time
 * @param delay the spec's delay between regions, for the delay's countdown; null when unknown
 * @param soak the spec's soak, for the soak's countdown; null when unknown
 * @param colour whether to colour phases and verdicts (a terminal, and {@code NO_COLOR} unset)
 */
public record WatchView(long startedMillis, Duration delay, Duration soak, boolean colour) {
  public static final String RESET = "\u001b[0m";
  public static final String GREEN = "\u001b[32m";
  public static final String YELLOW = "\u001b[33m";
  public static final String RED = "\u001b[31m";
  public static final String BOLD = "\u001b[1m";

  /** Whether colours are wanted: never when {@code NO_COLOR} is set to anything but empty. */
  public static boolean colourWanted(Map<String, String> env) {
    String no = env.get("NO_COLOR");
    return no == null || no.isEmpty();
  }

  /** The block a terminal shows at {@code now}, line by line. */
  public List<String> block(ReleaseStatus s, long now) {
    List<String> lines = new ArrayList<>();
    lines.add(
        paint(BOLD, s.subject())
            + "  "
            + paint(colour(s.phase()), Words.of(s.phase()))
            + (s.paused() ? paint(YELLOW, " (paused)") : "")
            + "  elapsed "
            + elapsed(now)
            + "  "
            + s.releaseId()
            + " by "
            + s.requestedBy());
    for (RegionStatus r : s.regions()) {
      lines.add(regionLine(r, now) + (s.feature() == null ? "" : "  " + s.progress(r)));
    }
    String wait = releaseWait(s, now);
    if (!wait.isEmpty()) {
      lines.add("  " + wait);
    }
    lines.addAll(footer(s, now));
    return lines;
  }

  /**
   * The facts a log records, one per line, without anything that moves by itself (countdowns,
   * elapsed time): a new line in them is a change.
   */
  public List<String> facts(ReleaseStatus s) {
    List<String> lines = new ArrayList<>();
    lines.add(s.subject() + ": " + Words.of(s.phase()) + (s.paused() ? ", paused" : "") + until(s));
    for (RegionStatus r : s.regions()) {
      String window =
          r.windowEndMillis() == 0
              ? ""
              : "  window of "
                  + Times.duration(r.windowEndMillis() - r.windowStartMillis())
                  + " until "
                  + Times.time(r.windowEndMillis());
      lines.add(
          r.region()
              + " "
              + Words.of(r.phase())
              + stage(r)
              + " "
              + r.weight()
              + (s.feature() == null ? "%" : "% of users")
              + window
              + "  "
              + StatusView.verdict(r.lastVerdict())
              + (r.reason() == null ? "" : "  (" + r.reason() + ")"));
    }
    for (PendingApproval p : s.pendingApprovals()) {
      lines.add(
          "gate " + p.gate() + " open: " + p.description() + "; approve with " + approve(s, p));
    }
    return lines;
  }

  /** A log's heartbeat when nothing changed: where the release is, with what counts down. */
  public String heartbeat(ReleaseStatus s, long now) {
    StringBuilder out = new StringBuilder("still " + Words.of(s.phase()));
    String wait = releaseWait(s, now);
    if (!wait.isEmpty()) {
      out.append(" (").append(wait).append(')');
    }
    for (RegionStatus r : s.regions()) {
      out.append("; ").append(r.region()).append(' ').append(Words.of(r.phase()));
      out.append(stage(r)).append(' ').append(r.weight()).append('%');
      if (r.windowEndMillis() != 0) {
        out.append(", window ").append(left(r.windowEndMillis(), now)).append(" left");
      }
    }
    if (!s.pendingApprovals().isEmpty()) {
      out.append("; ").append(s.pendingApprovals().size()).append(" gate(s) open");
    }
    return out.toString();
  }

  private String regionLine(RegionStatus r, long now) {
    String bar = StatusView.weightBar(r.weight());
    String line =
        String.format(
            "  %-10s %s stage %-5s [%s] %3d%%",
            r.region(),
            pad(paint(colour(r.phase()), Words.of(r.phase())), Words.of(r.phase()), 17),
            r.stages() == 0 ? "" : r.stage() + "/" + r.stages(),
            bar,
            r.weight());
    String countdown = StatusView.window(r, now);
    String verdict = StatusView.verdict(r.lastVerdict());
    String painted =
        r.lastVerdict() == null
            ? verdict
            : paint(colour(r.lastVerdict().verdict().name()), verdict);
    return line
        + countdown
        + "  "
        + painted
        + (r.pendingGate() == null ? "" : "  gate " + r.pendingGate())
        + (r.reason() == null ? "" : "  (" + r.reason() + ")");
  }

  /** The release's own wait (a delay between regions, the soak) as a countdown bar, or empty. */
  public String releaseWait(ReleaseStatus s, long now) {
    Wait w = releaseWait(s);
    if (w == null || w.length().isZero()) {
      return "";
    }
    long end = w.end();
    long left = Math.max(0, Math.min(w.length().toMillis(), end - now));
    return w.name()
        + " ["
        + StatusView.bar(left, w.length().toMillis())
        + "] "
        + left(end, now)
        + " left of "
        + Quantities.format(w.length());
  }

  /** A wait of the release's own: {@code delay} or {@code soak}, how long, and since when. */
  private record Wait(String name, Duration length, long beganMillis) {
    long end() {
      return beganMillis + length.toMillis();
    }
  }

  /** The delay or soak running now, from the timeline entry that began it; null when none. */
  private Wait releaseWait(ReleaseStatus s) {
    DecisionKind kind =
        s.phase() == ReleasePhase.DELAY
            ? DecisionKind.DELAY
            : s.phase() == ReleasePhase.SOAKING ? DecisionKind.SOAK : null;
    Duration length = kind == DecisionKind.DELAY ? delay : soak;
    Decision began = kind == null ? null : last(s.timeline(), kind);
    if (began == null || length == null) {
      return null;
    }
    return new Wait(kind == DecisionKind.DELAY ? "delay" : "soak", length, began.atMillis());
  }

  private List<String> footer(ReleaseStatus s, long now) {
    List<String> lines = new ArrayList<>();
    if (s.phase().finished()) {
      return lines;
    }
    if (s.pendingApprovals().isEmpty()) {
      lines.add("no open gates");
      return lines;
    }
    for (PendingApproval p : s.pendingApprovals()) {
      String timeout =
          p.deadlineMillis() <= 0 ? "" : ", times out in " + left(p.deadlineMillis(), now);
      lines.add(
          paint(YELLOW, "gate " + p.gate())
              + ": "
              + p.description()
              + "; missing "
              + p.missing()
              + timeout);
      lines.add("  approve: " + approve(s, p));
    }
    return lines;
  }

  /** The command that approves {@code p}: the role named when one role is missing. */
  public static String approve(ReleaseStatus s, PendingApproval p) {
    String role =
        p.missing().size() == 1 && !p.missing().containsKey("any")
            ? " --role " + p.missing().keySet().iterator().next()
            : "";
    return "glidepath release approve "
        + s.service()
        + " --gate "
        + p.gate()
        + role
        + " --by <your-name>"
        // A budget hold lets a region spend beyond the floor only with a reason.
        + (p.gate().startsWith("budget:") ? " --comment <why>" : "");
  }

  private static Decision last(List<Decision> timeline, DecisionKind kind) {
    for (int i = timeline.size() - 1; i >= 0; i--) {
      if (timeline.get(i).kind() == kind) {
        return timeline.get(i);
      }
    }
    return null;
  }

  private String until(ReleaseStatus s) {
    Wait w = releaseWait(s);
    return w == null ? "" : " " + Quantities.format(w.length()) + " until " + Times.time(w.end());
  }

  private String elapsed(long now) {
    return startedMillis <= 0 ? "-" : Times.duration(now - startedMillis);
  }

  private static String left(long end, long now) {
    return Quantities.format(Duration.ofSeconds((Math.max(0, end - now) + 999) / 1000));
  }

  private static String stage(RegionStatus r) {
    return r.stages() == 0 ? "" : " stage " + r.stage() + "/" + r.stages();
  }

  private String paint(String code, String text) {
    return colour && code != null ? code + text + RESET : text;
  }

  /** Pads {@code painted} to {@code width} visible characters ({@code plain} is its text). */
  private static String pad(String painted, String plain, int width) {
    return painted + " ".repeat(Math.max(1, width - plain.length()));
  }

  private static String colour(Enum<?> phase) {
    return colour(phase.name());
  }

  private static String colour(String name) {
    return switch (name) {
      case "COMPLETED", "PASS" -> GREEN;
      case "FAILED", "ROLLED_BACK", "ROLLING_BACK", "ABORTED", "FAIL", "ERROR" -> RED;
      case "AWAITING_APPROVAL", "HOLDING", "WAITING_FOR_WINDOW", "INCONCLUSIVE", "DELAY" -> YELLOW;
      default -> null;
    };
  }
}
