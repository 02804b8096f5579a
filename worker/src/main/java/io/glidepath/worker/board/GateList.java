package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.countdown;
import static io.glidepath.worker.board.Html.esc;
import static io.glidepath.worker.board.Html.time;

import io.glidepath.status.Approval;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.ReleaseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The release page's open gates: what each waits for, who approved, what it still needs, when it
 * times out, and an approve form for a viewer who may act.
 */
final class GateList {
  private GateList() {}

  static void append(StringBuilder b, BoardView.ReleaseView view) {
    ReleaseStatus s = view.status();
    b.append("<section aria-labelledby=\"gates-h\"><h2 id=\"gates-h\">Open gates</h2>");
    if (s.pendingApprovals().isEmpty()) {
      b.append("<p>No gate is open.</p>");
    }
    for (PendingApproval p : s.pendingApprovals()) {
      b.append("<div class=\"gate\" data-gate=\"").append(esc(p.gate())).append("\">");
      b.append("<h3>Gate <code>").append(esc(p.gate())).append("</code></h3>");
      b.append("<p>")
          .append(esc(p.description()))
          .append(". Opened ")
          .append(time(p.openedAtMillis()))
          .append("; times out in ")
          .append(countdown(p.deadlineMillis(), view.now()))
          .append(".</p>");
      if (!p.approvals().isEmpty()) {
        b.append("<p>Approved by ");
        List<String> names = new ArrayList<>();
        for (Approval a : p.approvals()) {
          names.add(esc(a.approver()) + (a.role() == null ? "" : " (" + esc(a.role()) + ")"));
        }
        b.append(String.join(", ", names)).append(".</p>");
      }
      if (!p.missing().isEmpty()) {
        List<String> m = new ArrayList<>();
        p.missing().forEach((role, n) -> m.add(n + " " + esc(role)));
        b.append("<p>Still needs ").append(String.join(", ", m)).append(".</p>");
      }
      if (view.canAct()) {
        b.append(ActionForms.approve(view.base(), p, view.viewer()));
      }
      b.append("</div>");
    }
    if (!view.canAct() && !s.phase().finished()) {
      b.append("<p class=\"note\">Actions need a signed-in user: open the board through the")
          .append(" authenticating proxy.</p>");
    }
    b.append("</section>");
  }
}
