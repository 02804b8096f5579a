package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import io.glidepath.environment.EnvironmentRow;
import io.glidepath.environment.LedgerState;
import io.glidepath.environment.RunOutcome;
import java.util.List;

/**
 * One service's environments as a row of columns (Kargo's view): per environment the version
 * serving, since when, whether it is verified for the next, what is being released there, the last
 * release when it did not complete, and the version that may come next with the ledger's verdict
 * and the command that delivers it.
 */
final class EnvironmentsPage {
  private EnvironmentsPage() {}

  static String body(LedgerState ledger, List<EnvironmentRow> rows, long now) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(esc(ledger.service())).append(": environments</h1>");
    if (rows.isEmpty()) {
      return b.append("<p>Nothing delivered yet: <code>glidepath release start -f SPEC --env")
          .append(" FIRST</code>.</p>")
          .toString();
    }
    b.append("<div class=\"envs\" style=\"display:grid;gap:1em;grid-template-columns:repeat(")
        .append(rows.size())
        .append(",minmax(12em,1fr))\">");
    for (int i = 0; i < rows.size(); i++) {
      EnvironmentRow r = rows.get(i);
      String next = i + 1 < rows.size() ? rows.get(i + 1).name() : null;
      b.append("<section class=\"env card\" data-env=\"").append(esc(r.name())).append("\">");
      b.append("<h2>").append(esc(r.name())).append("</h2>");
      if (r.version() == null) {
        b.append("<p class=\"version\">no version yet</p>");
      } else {
        b.append("<p class=\"version\"><strong>")
            .append(esc(r.version()))
            .append("</strong> since ")
            .append(Html.time(r.sinceMillis()))
            .append("</p><p class=\"verified\">")
            .append(
                r.verified()
                    ? "\u2713 verified" + (next == null ? "" : " for " + esc(next))
                    : r.verifiedFromMillis() > 0
                        ? "verified for "
                            + esc(next)
                            + " in "
                            + Html.countdown(r.verifiedFromMillis(), now)
                        : "\u2717 not verified")
            .append("</p>");
      }
      if (r.releasing() != null) {
        b.append("<p class=\"releasing\">releasing <strong>")
            .append(esc(r.releasing()))
            .append("</strong> now: <a href=\"/board/releases/release-")
            .append(esc(ledger.service()))
            .append("\">the release</a></p>");
      }
      if (r.last() != null
          && r.last().outcome() != RunOutcome.COMPLETED
          && r.last().outcome() != RunOutcome.RUNNING) {
        b.append("<p class=\"last refused\">last: ")
            .append(esc(r.last().version()))
            .append(' ')
            .append(esc(r.last().outcome().words()))
            .append(" at ")
            .append(Html.time(r.last().atMillis()))
            .append(r.last().note() == null ? "" : ": " + esc(r.last().note()))
            .append("</p>");
      }
      if (r.candidate() != null) {
        b.append("<p class=\"next ")
            .append(r.admission().allowed() ? "ok" : "refused")
            .append("\">next: <strong>")
            .append(esc(r.candidate()))
            .append("</strong> ")
            .append(r.admission().allowed() ? "may go now" : "may not go yet")
            .append(": ")
            .append(esc(r.admission().reason()))
            .append("</p>");
        if (r.admission().allowed()) {
          b.append("<p><code>glidepath env deliver ")
              .append(esc(ledger.service()))
              .append(' ')
              .append(esc(r.candidate()))
              .append(" --to ")
              .append(esc(r.name()))
              .append(" -f SPEC</code></p>");
        }
      }
      b.append("</section>");
    }
    return b.append("</div>").toString();
  }
}
