package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One checked metric over the current window as an inline SVG line chart: its values, its limit as
 * a dashed line labelled in text, and a caption that says in words what the chart shows (the last
 * value against the limit and the verdict), so nothing rests on colour or on seeing the chart.
 */
final class Chart {
  static final int W = 420;
  static final int H = 190;
  private static final int LEFT = 58;
  private static final int RIGHT = 12;
  private static final int TOP = 24;
  private static final int BOTTOM = 38;

  /** The shortest span a chart of a long window shows. */
  private static final long MIN_SPAN = 60_000;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private Chart() {}

  /**
   * The chart of {@code check} (the last check the status carries) with {@code samples} taken over
   * the window {@code [fromMillis, toMillis]}; {@code id} makes its element ids unique.
   */
  static String render(
      String id,
      QueryVerdict check,
      List<MetricSamples.Sample> samples,
      long fromMillis,
      long toMillis) {
    return render(id, check, samples, List.of(), fromMillis, toMillis);
  }

  /**
   * The chart with the stable version's values beside the new version's, for a check that compares
   * them: a dotted line labelled {@code stable} beside the solid one labelled {@code new}.
   */
  static String render(
      String id,
      QueryVerdict check,
      List<MetricSamples.Sample> samples,
      List<MetricSamples.Sample> stable,
      long fromMillis,
      long toMillis) {
    MetricUnit unit = check.unit() == null ? MetricUnit.NUMBER : check.unit();
    boolean hasLimit = check.threshold() != Double.MAX_VALUE && Double.isFinite(check.threshold());
    double max = hasLimit ? check.threshold() : 0;
    for (MetricSamples.Sample s : samples) {
      max = Math.max(max, s.value());
    }
    for (MetricSamples.Sample s : stable) {
      max = Math.max(max, s.value());
    }
    if (check.value() != null && Double.isFinite(check.value())) {
      max = Math.max(max, check.value());
    }
    max = niceTop(max <= 0 ? 1 : max * 1.15);
    long from = fromMillis;
    long to = toMillis;
    if (!samples.isEmpty()) {
      from = from > 0 ? Math.min(from, samples.get(0).atMillis()) : samples.get(0).atMillis();
      long last = samples.get(samples.size() - 1).atMillis();
      // A long window (a gate's watch, an hour's hold) is drawn over the part that has run, with a
      // quarter to spare, so its values fill the chart instead of a dot at its left edge.
      to = Math.max(Math.min(to, Math.max(last + (last - from) / 4, from + MIN_SPAN)), last);
    }
    if (to <= from) {
      to = from + 1000;
    }
    String verdictWord = verdictWord(check.verdict());
    String caption = caption(check, unit, samples.size(), hasLimit);
    if (!stable.isEmpty()) {
      caption +=
          "; stable version now "
              + unit.format(stable.get(stable.size() - 1).value())
              + " (dotted line), new version "
              + (samples.isEmpty()
                  ? "no value"
                  : unit.format(samples.get(samples.size() - 1).value()))
              + " (solid line)";
    }
    StringBuilder b = new StringBuilder();
    b.append("<figure class=\"chart\" data-metric=\"").append(esc(check.name())).append("\">");
    b.append("<svg viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(esc(id))
        .append("-t ")
        .append(esc(id))
        .append("-d\">");
    b.append("<title id=\"").append(esc(id)).append("-t\">").append(esc(check.name()));
    b.append(" over the current window</title>");
    b.append("<desc id=\"").append(esc(id)).append("-d\">").append(esc(caption)).append("</desc>");
    b.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" class=\"bg\"/>");
    axes(b, unit, max, from, to, toMillis);
    legend(b, !stable.isEmpty(), hasLimit);
    if (hasLimit) {
      double y = y(check.threshold(), max);
      b.append("<line class=\"limit\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(W - RIGHT)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\" stroke-dasharray=\"6 4\"/>");
      b.append("<text class=\"limit-label\" x=\"")
          .append(W - RIGHT - 2)
          .append("\" y=\"")
          .append(fmt(y - 4))
          .append("\" text-anchor=\"end\">limit ")
          .append(esc(unit.format(check.threshold())))
          .append(check.failWhen() == FailWhen.BELOW ? " (fails below)" : "")
          .append("</text>");
    }
    if (!stable.isEmpty()) {
      series(b, "stable", "2 3", stable, from, to, max);
    }
    if (!samples.isEmpty()) {
      series(b, "series", null, samples, from, to, max);
    } else {
      // No value of this window yet. The status's last check may be the previous window's, so it
      // is not drawn as a point of this one; the caption names it.
      b.append("<text class=\"empty\" x=\"")
          .append(fmt((LEFT + W - RIGHT) / 2.0))
          .append("\" y=\"")
          .append(fmt((TOP + H - BOTTOM) / 2.0))
          .append("\" text-anchor=\"middle\">no value yet in this window</text>");
    }
    b.append("</svg>");
    b.append("<figcaption><strong>")
        .append(esc(check.name()))
        .append("</strong> <span class=\"verdict v-")
        .append(
            esc(check.verdict() == null ? "none" : check.verdict().name().toLowerCase(Locale.ROOT)))
        .append("\">")
        .append(esc(verdictWord))
        .append("</span>: ")
        .append(esc(caption))
        .append("</figcaption></figure>");
    return b.toString();
  }

  /**
   * The value axis (0, half and the top, in the metric's unit, with grid lines) and the time axis
   * (the window's start, middle and end as times of day in UTC).
   */
  private static void axes(
      StringBuilder b, MetricUnit unit, double max, long from, long to, long windowEnd) {
    for (int i = 0; i <= 2; i++) {
      double v = max * i / 2;
      double y = y(v, max);
      b.append("<line class=\"")
          .append(i == 0 ? "axisline" : "grid")
          .append("\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(W - RIGHT)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\"/>");
      b.append("<text class=\"axis\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(fmt(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(esc(unit.format(v)))
          .append("</text>");
    }
    b.append("<line class=\"axisline\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(H - BOTTOM)
        .append("\"/>");
    String[] anchors = {"start", "middle", "end"};
    // Between two windows there is no window start, so no times of day go along the bottom.
    for (int i = 0; from > 0 && i <= 2; i++) {
      long at = from + (to - from) * i / 2;
      b.append("<text class=\"axis\" x=\"")
          .append(fmt(x(at, from, to)))
          .append("\" y=\"")
          .append(H - BOTTOM + 15)
          .append("\" text-anchor=\"")
          .append(anchors[i])
          .append("\">")
          .append(CLOCK.format(Instant.ofEpochMilli(at)))
          .append(i == 2 ? " UTC" : "")
          .append("</text>");
    }
    String label;
    if (from <= 0) {
      label = "time (UTC); the next window has not started yet";
    } else if (windowEnd > to) {
      label = "time (UTC); the window ends at " + CLOCK.format(Instant.ofEpochMilli(windowEnd));
    } else {
      label = "time (UTC) over the window of " + Html.duration(to - from);
    }
    b.append("<text class=\"unit\" x=\"")
        .append(fmt((LEFT + W - RIGHT) / 2.0))
        .append("\" y=\"")
        .append(H - 4)
        .append("\" text-anchor=\"middle\">")
        .append(label)
        .append("</text>");
  }

  /** Which line is which, above the plot: the new version, stable's, and the limit. */
  private static void legend(StringBuilder b, boolean stable, boolean limit) {
    int x = LEFT;
    int y = 12;
    b.append("<g class=\"legend\">");
    x = legendItem(b, x, y, "series", null, stable ? "new version" : "value");
    if (stable) {
      x = legendItem(b, x, y, "stable", "2 3", "stable version");
    }
    if (limit) {
      legendItem(b, x, y, "limit", "6 4", "limit");
    }
    b.append("</g>");
  }

  private static int legendItem(
      StringBuilder b, int x, int y, String css, String dash, String label) {
    b.append("<polyline class=\"")
        .append(css)
        .append("\" fill=\"none\" points=\"")
        .append(x)
        .append(',')
        .append(y - 4)
        .append(' ')
        .append(x + 18)
        .append(',')
        .append(y - 4)
        .append('"')
        .append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
        .append("/>");
    b.append("<text class=\"legend\" x=\"")
        .append(x + 22)
        .append("\" y=\"")
        .append(y)
        .append("\">")
        .append(label)
        .append("</text>");
    return x + 32 + label.length() * 7;
  }

  /**
   * A window's checks counted in words: "5 of 5 checks passed", with the workflow's reason when the
   * window did not pass.
   */
  static String windowWords(io.glidepath.analysis.WindowSummary w) {
    String counted =
        w.checks() == 0
            ? "no check yet"
            : w.passed() + " of " + Html.count(w.checks(), "check", "checks") + " passed";
    return w.verdict() == Verdict.PASS || w.reason() == null || w.reason().isBlank()
        ? counted
        : counted + ": " + w.reason();
  }

  /** The verdict as a symbol and a word, so it reads without colour. */
  static String verdictWord(Verdict v) {
    if (v == null) {
      return "? no verdict";
    }
    return switch (v) {
      case PASS -> "\u2713 pass";
      case FAIL -> "\u2717 fail";
      case INCONCLUSIVE -> "? inconclusive";
      case ERROR -> "! error";
    };
  }

  /** What the chart shows, in words: its text alternative. */
  static String caption(QueryVerdict check, MetricUnit unit, int samples, boolean hasLimit) {
    StringBuilder c = new StringBuilder();
    c.append("last check ")
        .append(
            check.value() == null || !Double.isFinite(check.value())
                ? "no value"
                : unit.format(check.value()));
    if (hasLimit) {
      c.append(", limit ")
          .append(unit.format(check.threshold()))
          .append(check.failWhen() == FailWhen.BELOW ? " (fails below)" : " (fails above)");
    }
    c.append("; ")
        .append(samples == 0 ? "no value yet" : Html.count(samples, "value", "values"))
        .append(" in this window");
    if (check.detail() != null && !check.detail().isBlank()) {
      c.append("; ").append(check.detail());
    }
    if (check.explanation() != null && !check.explanation().isBlank()) {
      c.append("; ").append(check.explanation());
    }
    return c.toString();
  }

  private static void series(
      StringBuilder b,
      String css,
      String dash,
      List<MetricSamples.Sample> points,
      long from,
      long to,
      double max) {
    StringBuilder pts = new StringBuilder();
    for (MetricSamples.Sample s : points) {
      pts.append(fmt(x(s.atMillis(), from, to)))
          .append(',')
          .append(fmt(y(s.value(), max)))
          .append(' ');
    }
    b.append("<polyline class=\"")
        .append(css)
        .append("\" fill=\"none\"")
        .append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
        .append(" points=\"")
        .append(pts.toString().trim())
        .append("\"/>");
    MetricSamples.Sample last = points.get(points.size() - 1);
    b.append("<circle class=\"")
        .append(css)
        .append("\" r=\"3\" cx=\"")
        .append(fmt(x(last.atMillis(), from, to)))
        .append("\" cy=\"")
        .append(fmt(y(last.value(), max)))
        .append("\"/>");
  }

  /**
   * A round top for the value axis: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, at least
   * {@code v}.
   */
  static double niceTop(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static double x(long at, long from, long to) {
    return LEFT + (W - LEFT - RIGHT) * (double) (at - from) / (double) (to - from);
  }

  private static double y(double v, double max) {
    double clamped = Math.max(0, Math.min(v, max));
    return TOP + (H - TOP - BOTTOM) * (1 - clamped / max);
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
