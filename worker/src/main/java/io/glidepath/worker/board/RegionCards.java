package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;
import java.util.Map;

/**
 * The release page's regions: one card per region with its phase, its weight, its whole plan as
 * steps ({@link RegionPlan}), the last window's verdict, and a roll-back form for a viewer who may
 * act.
 */
final class RegionCards {
  private RegionCards() {}

  static void append(StringBuilder b, BoardView.ReleaseView view) {
    b.append("<section class=\"block\" aria-labelledby=\"regions-h\">");
    b.append("<h2 id=\"regions-h\">Regions</h2>");
    for (RegionStatus r : view.status().regions()) {
      card(b, r, view);
    }
    b.append("</section>");
  }

  /** The phase as a badge: a colour, a symbol and the word. */
  static String badge(RegionPhase phase, boolean paused) {
    String css;
    String symbol;
    switch (phase) {
      case COMPLETED -> {
        css = "s-done";
        symbol = "\u2713";
      }
      case AWAITING_APPROVAL -> {
        css = "s-gate";
        symbol = "\u25C6";
      }
      case ROLLING_BACK, ROLLED_BACK, FAILED, ABORTED -> {
        css = "s-bad";
        symbol = "\u2717";
      }
      case PENDING, NOT_STARTED, PROTECTED -> {
        css = "s-wait";
        symbol = "\u25CB";
      }
      default -> {
        css = paused ? "s-gate" : "s-now";
        symbol = paused ? "\u2016" : "\u25B6";
      }
    }
    return "<span class=\"badge phase "
        + css
        + "\">"
        + symbol
        + " "
        + esc(Words.of(phase))
        + (paused ? ", paused" : "")
        + "</span>";
  }

  private static void card(StringBuilder b, RegionStatus r, BoardView.ReleaseView view) {
    b.append("<article class=\"card region\" data-region=\"").append(esc(r.region()));
    b.append("\" id=\"region-").append(Html.cssId(r.region())).append("\">");
    b.append("<header><h3>").append(esc(r.region())).append("</h3>");
    b.append(badge(r.phase(), r.paused()));
    b.append("<span class=\"weight\">")
        .append(r.weight())
        .append(
            view.status().feature() == null
                ? "% <small>on new</small></span>"
                : "% <small>of users on " + esc(view.status().feature()) + "</small></span>");
    b.append("</header>");
    if (r.reason() != null) {
      b.append("<p class=\"reason\">").append(esc(r.reason())).append("</p>");
    }
    RegionPlan.append(b, RegionPlan.steps(view.spec(), r), r, view.now());
    b.append("<p class=\"facts\"><span class=\"stage\">");
    b.append(r.stage() > 0 ? "Stage " + r.stage() + " of " + r.stages() : "");
    b.append("</span>");
    if (r.lastVerdict() != null) {
      b.append("<span>Last window: <span class=\"verdict v-")
          .append(
              r.lastVerdict().verdict() == null
                  ? "none"
                  : r.lastVerdict().verdict().name().toLowerCase(java.util.Locale.ROOT))
          .append("\">")
          .append(esc(Chart.verdictWord(r.lastVerdict().verdict())))
          .append("</span> (")
          .append(esc(Chart.windowWords(r.lastVerdict())))
          .append(")</span>");
    }
    b.append("</p>");
    if (view.canAct() && !r.phase().finished() && r.phase() != RegionPhase.PENDING) {
      b.append("<details><summary>Roll back ").append(esc(r.region())).append("</summary>");
      b.append(
          ActionForms.form(
              view.base() + "/rollback",
              view.viewer(),
              "rollback-" + r.region(),
              "Roll back " + r.region(),
              Map.of("region", r.region()),
              true));
      b.append("</details>");
    }
    b.append("</article>");
  }
}
