package io.glidepath.analysis;

import io.glidepath.model.MetricUnit;
import java.util.Locale;

/** How the statistical judge words its numbers: p-values, effects, ratios, counts and times. */
final class JudgeText {
  private JudgeText() {}

  static String p(double confidence, double p) {
    return String.format(
        Locale.ROOT,
        "p=%s %s %s (%s confidence)",
        p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p),
        p < 1 - confidence ? "<" : ">=",
        String.format(Locale.ROOT, "%.6f", 1 - confidence).replaceAll("0+$", ""),
        pct(confidence));
  }

  static String effectText(double effect, double maxIncrease) {
    return String.format(Locale.ROOT, "effect %.2fx, allowed %.2fx", effect, maxIncrease);
  }

  static String ratio(long bad, long n) {
    return pct(n > 0 ? (double) bad / n : Double.NaN) + " (" + count(bad) + " of " + count(n) + ")";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String pct(double r) {
    return MetricUnit.RATIO.format(r);
  }

  static String ms(double seconds) {
    return Double.isNaN(seconds) ? "none" : MetricUnit.SECONDS.format(seconds);
  }

  static int toInt(long n) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
  }
}
