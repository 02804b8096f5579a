package io.glidepath.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and prints the human forms used in release specs: durations such as {@code 90s}, {@code
 * 5m}, {@code 1h30m} and {@code 500ms}, and rates such as {@code 0.5%}.
 */
public final class Quantities {
  /** A plain decimal number, as a spec writes it: {@code 60}, {@code -0.5}, {@code 1e3}. */
  public static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private Quantities() {}

  /**
   * Parses a duration like {@code 90s}, {@code 5m}, {@code 24h}, {@code 1h30m} or {@code 250ms}. A
   * duration too long for a {@code long} of milliseconds saturates at {@code Long.MAX_VALUE}
   * milliseconds; every field's bound ({@link Bounds}) refuses it.
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static Duration parseDuration(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(s);
    long millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
          };
      // Saturates instead of overflowing, so 999999999999999h reads as "very long" and the
      // field's bound refuses it; it never wraps round to a short or negative duration.
      double part = amount * unit;
      millis = part >= Long.MAX_VALUE - millis ? Long.MAX_VALUE : millis + Math.round(part);
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write it like 90s, 5m, 1h30m, 24h, 2d or 500ms");
    }
    return Duration.ofMillis(millis);
  }

  /**
   * Parses a rate: {@code 0.5%} is 0.005; a bare number is taken as a fraction, so {@code 0.005} is
   * the same rate.
   */
  public static double parseRate(String text) {
    String s = text == null ? "" : text.trim();
    try {
      if (!NUMBER.matcher(s.endsWith("%") ? s.substring(0, s.length() - 1).trim() : s).matches()) {
        // Double.parseDouble would also take 99d, 0x1p3, NaN or Infinity.
        throw new NumberFormatException();
      }
      if (s.endsWith("%")) {
        return Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate; write it like 0.5% (or the fraction 0.005)");
    }
  }

  /** Prints a duration the way a spec would say it: {@code 1h30m}, {@code 90s}, {@code 500ms}. */
  public static String format(Duration d) {
    if (d == null) {
      return "-";
    }
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    StringBuilder out = new StringBuilder();
    long[] units = {3_600, 60, 1};
    String[] names = {"h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        out.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return out.toString();
  }

  /**
   * Prints a fraction as a percentage with at most two decimals and no trailing zeros: 0.005 is
   * {@code 0.5%}, 0.079999 is {@code 8%}.
   */
  public static String percent(double fraction) {
    return trim(fraction * 100.0, 2) + "%";
  }

  static String trim(double v) {
    return trim(v, 4);
  }

  static String trim(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
