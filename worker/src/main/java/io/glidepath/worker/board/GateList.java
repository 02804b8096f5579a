package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.clock;
import static io.glidepath.worker.board.Html.count;
import static io.glidepath.worker.board.Html.countdown;
import static io.glidepath.worker.board.Html.esc;

import io.glidepath.status.Approval;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.ReleaseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The release page's open gates: what each waits for, who approved, what it still needs, when it
 * times out, and an approve form for a viewer who may act. Each gate is an anchor ({@code
 * #gate-<id>}) the plan and the page's banner link to.
 */
final class GateList {
  private GateList() {}

  static void append(StringBuilder b, BoardView.ReleaseView view) {
    ReleaseStatus s = view.status();
    b.append("<section class=\"block\" aria-labelledby=\"gates-h\">");
    b.append("<h2 id=\"gates-h\">Open gates</h2>");
    if (s.pendingApprovals().isEmpty()) {
      b.append("<p class=\"card\">No gate is open.</p>");
    }
    for (PendingApproval p : s.pendingApprovals()) {
      b.append("<article class=\"card gate\" id=\"gate-").append(Html.cssId(p.gate()));
      b.append("\" data-gate=\"").append(esc(p.gate())).append("\">");
      b.append("<h3>\u25C6 Approval needed: <code>").append(esc(p.gate())).append("</code></h3>");
      b.append("<p>").append(esc(capitalized(p.description()))).append(".</p>");
      b.append("<p>").append(esc(needs(p.missing()))).append(".</p>");
      if (!p.approvals().isEmpty()) {
        List<String> names = new ArrayList<>();
        for (Approval a : p.approvals()) {
          names.add(esc(a.approver()) + (a.role() == null ? "" : " (as " + esc(a.role()) + ")"));
        }
        b.append("<p>Approved so far by ").append(String.join(", ", names)).append(".</p>");
      }
      b.append("<p class=\"muted\">Opened at ").append(clock(p.openedAtMillis()));
      if (p.deadlineMillis() > 0) {
        b.append("; times out in ")
            .append(countdown(p.deadlineMillis(), view.now()))
            .append(", on ")
            .append(Html.time(p.deadlineMillis()));
      }
      b.append(".</p>");
      if (view.canAct()) {
        b.append(ActionForms.approve(view.base(), p, view.viewer()));
      }
      b.append("</article>");
    }
    if (!view.canAct() && !s.phase().finished()) {
      b.append("<p class=\"note muted\">Actions need a signed-in user: open the board through")
          .append(" the authenticating proxy.</p>");
    }
    b.append("</section>");
  }

  /**
   * What a gate still needs, as a sentence: "Still needs 1 approval from anyone", "Still needs 2
   * approvals from the role sre and 1 approval from the role dba".
   */
  static String needs(Map<String, Integer> missing) {
    if (missing.isEmpty()) {
      return "Has every approval it needs";
    }
    List<String> parts = new ArrayList<>();
    missing.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                parts.add(
                    count(e.getValue(), "approval", "approvals")
                        + (e.getKey().equals("any")
                            ? " from anyone"
                            : " from the role " + e.getKey())));
    return "Still needs " + String.join(" and ", parts);
  }

  private static String capitalized(String s) {
    return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
