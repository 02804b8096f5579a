package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import java.util.List;

/**
 * The release page's checked metrics: for each region with a finished check, one {@link Chart} per
 * query of its last verdict, over the current window, with stable's series where it was compared.
 */
final class MetricCharts {
  private MetricCharts() {}

  static void append(StringBuilder b, String id, ReleaseStatus s, MetricSamples samples) {
    b.append("<section class=\"block\" aria-labelledby=\"charts-h\">");
    b.append("<h2 id=\"charts-h\">Checked metrics</h2>");
    boolean any = false;
    for (RegionStatus r : s.regions()) {
      if (r.lastVerdict() == null || r.lastVerdict().last().isEmpty()) {
        continue;
      }
      any = true;
      b.append("<div class=\"card region-charts\" data-region=\"").append(esc(r.region()));
      b.append("\"><h3>").append(esc(r.region())).append(", ").append(r.weight());
      b.append("% on the new version</h3>");
      b.append("<p class=\"muted\">Last window: ").append(esc(Chart.windowWords(r.lastVerdict())));
      b.append(".</p><div class=\"charts-grid\">");
      int i = 0;
      for (QueryVerdict q : r.lastVerdict().last()) {
        long from = r.windowStartMillis();
        List<MetricSamples.Sample> points =
            from > 0 ? samples.since(id, r.region(), q.name(), from) : List.of();
        List<MetricSamples.Sample> stable =
            from > 0
                ? samples.since(id, r.region(), MetricSamples.stableSeries(q.name()), from)
                : List.<MetricSamples.Sample>of();
        b.append(
            Chart.render(
                "c-" + Html.cssId(r.region()) + "-" + i++,
                q,
                points,
                stable,
                from,
                r.windowEndMillis()));
      }
      b.append("</div></div>");
    }
    if (!any) {
      b.append("<p class=\"card\">No check has finished yet.</p>");
    }
    b.append("</section>");
  }
}
