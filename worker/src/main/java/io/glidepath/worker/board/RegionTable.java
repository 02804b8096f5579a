package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.countdown;
import static io.glidepath.worker.board.Html.esc;

import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;
import java.util.List;
import java.util.Map;

/**
 * The release page's regions: one row per region with its phase, stage, weight, window, gate and
 * last verdict, and a roll-back form for a viewer who may act.
 */
final class RegionTable {
  private RegionTable() {}

  static void append(StringBuilder b, BoardView.ReleaseView view) {
    b.append("<section aria-labelledby=\"regions-h\"><h2 id=\"regions-h\">Regions</h2>");
    b.append("<table class=\"regions\"><thead><tr>");
    for (String h :
        List.of("Region", "Phase", "Stage", "Weight", "Window ends in", "Gate", "Last verdict")) {
      b.append("<th scope=\"col\">").append(h).append("</th>");
    }
    if (view.canAct()) {
      b.append("<th scope=\"col\">Action</th>");
    }
    b.append("</tr></thead><tbody>");
    for (RegionStatus r : view.status().regions()) {
      row(b, r, view);
    }
    b.append("</tbody></table></section>");
  }

  private static void row(StringBuilder b, RegionStatus r, BoardView.ReleaseView view) {
    b.append("<tr data-region=\"").append(esc(r.region())).append("\">");
    b.append("<th scope=\"row\">").append(esc(r.region())).append("</th>");
    b.append("<td class=\"phase\">")
        .append(esc(Words.of(r.phase())))
        .append(r.paused() ? " (paused)" : "")
        .append(r.reason() == null ? "" : "<br><small>" + esc(r.reason()) + "</small>")
        .append("</td>");
    b.append("<td class=\"stage\">")
        .append(r.stage())
        .append('/')
        .append(r.stages())
        .append("</td>");
    b.append("<td class=\"weight\">").append(r.weight()).append("%</td>");
    b.append("<td>").append(countdown(r.windowEndMillis(), view.now())).append("</td>");
    b.append("<td>")
        .append(r.pendingGate() == null ? "-" : "<code>" + esc(r.pendingGate()) + "</code>")
        .append("</td>");
    b.append("<td>")
        .append(r.lastVerdict() == null ? "-" : esc(Chart.verdictWord(r.lastVerdict().verdict())))
        .append("</td>");
    if (view.canAct()) {
      b.append("<td>");
      if (!r.phase().finished() && r.phase() != RegionPhase.PENDING) {
        b.append(
            ActionForms.form(
                view.base() + "/rollback",
                view.viewer(),
                "rollback-" + r.region(),
                "Roll back " + r.region(),
                Map.of("region", r.region()),
                true));
      }
      b.append("</td>");
    }
    b.append("</tr>");
  }
}
