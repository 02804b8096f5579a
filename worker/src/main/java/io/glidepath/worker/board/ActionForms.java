package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.cssId;
import static io.glidepath.worker.board.Html.esc;

import io.glidepath.status.PendingApproval;
import java.util.List;
import java.util.Map;

/**
 * The board's actions as plain forms, usable by keyboard and without script: each carries the
 * viewer's CSRF token, labels every field, and asks for a reason where the action needs one.
 */
final class ActionForms {
  private ActionForms() {}

  /** A form that posts to {@code action} with a reason and the given hidden {@code fields}. */
  static String form(
      String action,
      BoardView.Viewer viewer,
      String id,
      String label,
      Map<String, String> fields,
      boolean reasonRequired) {
    String fid = "act-" + cssId(id);
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"act\" method=\"post\" action=\"").append(esc(action)).append("\">");
    hidden(b, "csrf", viewer.token());
    if (fields != null) {
      fields.forEach((k, v) -> hidden(b, k, v));
    }
    b.append("<label for=\"")
        .append(fid)
        .append("-reason\">Reason")
        .append(reasonRequired ? " (required)" : "")
        .append("</label> ");
    b.append("<input name=\"reason\" id=\"")
        .append(fid)
        .append("-reason\" maxlength=\"500\"")
        .append(reasonRequired ? " required" : "")
        .append("> ");
    b.append("<button type=\"submit\" id=\"")
        .append(fid)
        .append(reasonRequired ? "\" class=\"danger\">" : "\">")
        .append(esc(label));
    b.append("</button></form>");
    return b.toString();
  }

  /** The form that approves gate {@code p}, with a choice of the roles it still needs. */
  static String approve(String base, PendingApproval p, BoardView.Viewer viewer) {
    String fid = "approve-" + cssId(p.gate());
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"act\" method=\"post\" action=\"")
        .append(esc(base + "/approve"))
        .append("\" aria-label=\"Approve gate ")
        .append(esc(p.gate()))
        .append("\">");
    hidden(b, "csrf", viewer.token());
    hidden(b, "gate", p.gate());
    List<String> roles =
        p.missing().keySet().stream().filter(r -> !r.equals("any")).sorted().toList();
    if (!roles.isEmpty()) {
      b.append("<label for=\"").append(fid).append("-role\">Role</label> ");
      b.append("<select name=\"role\" id=\"").append(fid).append("-role\">");
      for (String r : roles) {
        b.append("<option>").append(esc(r)).append("</option>");
      }
      b.append("</select> ");
    }
    b.append("<label for=\"").append(fid).append("-comment\">Comment</label> ");
    b.append("<input name=\"comment\" id=\"").append(fid).append("-comment\" maxlength=\"500\"> ");
    b.append("<button type=\"submit\" id=\"")
        .append(fid)
        .append("\">Approve ")
        .append(esc(p.gate()))
        .append(" as ")
        .append(esc(viewer.who().map(BoardIdentity::name).orElse("")))
        .append("</button></form>");
    return b.toString();
  }

  private static void hidden(StringBuilder b, String name, String value) {
    b.append("<input type=\"hidden\" name=\"")
        .append(esc(name))
        .append("\" value=\"")
        .append(esc(value))
        .append("\">");
  }
}
