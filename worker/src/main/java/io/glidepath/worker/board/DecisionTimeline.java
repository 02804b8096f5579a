package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.clock;
import static io.glidepath.worker.board.Html.esc;

import io.glidepath.status.Decision;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The release page's decisions: the release's and every region's timeline merged, newest first, at
 * most {@link #MAX_TIMELINE} rows of who decided what, when and why: the latest {@link #LATEST}
 * shown, the earlier ones folded in a {@code details} element.
 */
final class DecisionTimeline {
  static final int MAX_TIMELINE = 150;

  /** How many of the newest decisions show at once; the rest are one click away. */
  static final int LATEST = 5;

  private record Entry(String where, Decision decision) {}

  private DecisionTimeline() {}

  static void append(StringBuilder b, ReleaseStatus s, Map<String, RegionStatus> regionDetails) {
    List<Entry> all = entries(s, regionDetails);
    b.append("<section class=\"block\" aria-labelledby=\"timeline-h\">");
    b.append("<h2 id=\"timeline-h\">Decisions</h2>");
    if (all.isEmpty()) {
      b.append("<p class=\"card\">No decision yet.</p></section>");
      return;
    }
    b.append("<div class=\"card scroll\">");
    table(b, all.subList(0, Math.min(LATEST, all.size())), "The latest, newest first");
    if (all.size() > LATEST) {
      List<Entry> rest = all.subList(LATEST, all.size());
      b.append("<details class=\"earlier\"><summary>Show ")
          .append(Html.count(rest.size(), "earlier decision", "earlier decisions"))
          .append("</summary>");
      table(b, rest, "Earlier, newest first");
      b.append("</details>");
    }
    b.append("</div></section>");
  }

  private static void table(StringBuilder b, List<Entry> entries, String caption) {
    b.append("<table class=\"timeline\"><caption>").append(caption).append("</caption>");
    b.append("<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Where</th>");
    b.append("<th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Why</th>");
    b.append("</tr></thead><tbody>");
    for (Entry e : entries) {
      Decision d = e.decision();
      b.append("<tr><td>")
          .append(clock(d.atMillis()))
          .append("</td><td>")
          .append(esc(e.where()))
          .append("</td><td>")
          .append(esc(d.who()))
          .append(
              d.identity() == null
                  ? ""
                  : "<br><small>as <span class=\"identity\">"
                      + esc(d.identity())
                      + "</span></small>")
          .append("</td><td>")
          .append(esc(d.what()))
          .append("</td><td>")
          .append(esc(d.why()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static List<Entry> entries(ReleaseStatus s, Map<String, RegionStatus> regionDetails) {
    List<Entry> all = new ArrayList<>();
    s.timeline().forEach(d -> all.add(new Entry("release", d)));
    for (RegionStatus r : s.regions()) {
      RegionStatus detailed = regionDetails.getOrDefault(r.region(), r);
      List<Decision> t = detailed.timeline().isEmpty() ? r.timeline() : detailed.timeline();
      t.forEach(d -> all.add(new Entry(r.region(), d)));
    }
    all.sort(Comparator.comparingLong((Entry e) -> e.decision().atMillis()).reversed());
    return all.size() > MAX_TIMELINE ? all.subList(0, MAX_TIMELINE) : all;
  }
}
