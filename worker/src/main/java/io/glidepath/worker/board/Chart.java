package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import java.util.List;
import java.util.Locale;

/**
 * One checked metric over the current window as an inline SVG line chart: its values, its limit as
 * a dashed line labelled in text, and a caption that says in words what the chart shows (the last
 * value against the limit and the verdict), so nothing rests on colour or on seeing the chart.
 */
final class Chart {
  static final int W = 360;
  static final int H = 140;
  private static final int LEFT = 8;
  private static final int RIGHT = 8;
  private static final int TOP = 16;
  private static final int BOTTOM = 20;

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
    max = max <= 0 ? 1 : max * 1.2;
    long from = fromMillis;
    long to = toMillis;
    if (!samples.isEmpty()) {
      from = from > 0 ? Math.min(from, samples.get(0).atMillis()) : samples.get(0).atMillis();
      to = Math.max(to, samples.get(samples.size() - 1).atMillis());
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
        .append("\" width=\"")
        .append(W)
        .append("\" height=\"")
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
          .append(W - RIGHT)
          .append("\" y=\"")
          .append(fmt(y - 4))
          .append("\" text-anchor=\"end\">limit ")
          .append(esc(unit.format(check.threshold())))
          .append("</text>");
    }
    if (!stable.isEmpty()) {
      series(b, "stable", "2 3", stable, from, to, max);
    }
    if (!samples.isEmpty() && !stable.isEmpty()) {
      MetricSamples.Sample last = samples.get(samples.size() - 1);
      b.append("<text class=\"axis\" x=\"")
          .append(fmt(Math.max(LEFT, x(last.atMillis(), from, to) - 4)))
          .append("\" y=\"")
          .append(fmt(y(last.value(), max) - 6))
          .append("\" text-anchor=\"end\">new</text>");
    }
    if (!samples.isEmpty()) {
      StringBuilder pts = new StringBuilder();
      for (MetricSamples.Sample s : samples) {
        pts.append(fmt(x(s.atMillis(), from, to)))
            .append(',')
            .append(fmt(y(s.value(), max)))
            .append(' ');
      }
      b.append("<polyline class=\"series\" fill=\"none\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>");
      MetricSamples.Sample lastSample = samples.get(samples.size() - 1);
      b.append("<circle class=\"series\" r=\"3\" cx=\"")
          .append(fmt(x(lastSample.atMillis(), from, to)))
          .append("\" cy=\"")
          .append(fmt(y(lastSample.value(), max)))
          .append("\"/>");
    } else if (check.value() != null && Double.isFinite(check.value())) {
      b.append("<circle class=\"series\" r=\"4\" cx=\"")
          .append(W - RIGHT - 4)
          .append("\" cy=\"")
          .append(fmt(y(check.value(), max)))
          .append("\"/>");
    }
    b.append("<text class=\"axis\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(H - 5)
        .append("\">window start</text>");
    b.append("<text class=\"axis\" x=\"")
        .append(W - RIGHT)
        .append("\" y=\"")
        .append(H - 5)
        .append("\" text-anchor=\"end\">window end</text>");
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
        .append(samples)
        .append(samples == 1 ? " value" : " values")
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
      String label,
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
    MetricSamples.Sample last = points.get(points.size() - 1);
    b.append("<polyline class=\"")
        .append(label)
        .append("\" fill=\"none\" stroke-dasharray=\"")
        .append(dash)
        .append("\" points=\"")
        .append(pts.toString().trim())
        .append("\"/>");
    b.append("<text class=\"axis\" x=\"")
        .append(fmt(Math.max(LEFT, x(last.atMillis(), from, to) - 4)))
        .append("\" y=\"")
        .append(fmt(y(last.value(), max) + 12))
        .append("\" text-anchor=\"end\">")
        .append(label)
        .append("</text>");
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
