package io.glidepath.model;

import java.util.Locale;

/** The unit a query's value is measured in; it decides how thresholds are read and printed. */
public enum MetricUnit {
  /** A fraction, written as a percentage: {@code 1%} is 0.01. */
  RATIO,
  /** Seconds, written as a duration: {@code 450ms} is 0.45. */
  SECONDS,
  /** A plain number, such as requests per second. */
  NUMBER;

  /** Reads a threshold written in this unit, e.g. {@code 1%} or {@code 450ms}. */
  public double parse(String text) {
    return switch (this) {
      case RATIO -> Quantities.parseRate(text);
      case SECONDS -> Quantities.parseDuration(text).toNanos() / 1e9;
      case NUMBER -> {
        try {
          if (!Quantities.NUMBER.matcher(text.trim()).matches()) {
            throw new NumberFormatException();
          }
          yield Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not a number");
        }
      }
    };
  }

  /** Prints a value in this unit: 0.52 seconds is {@code 520 ms}, 0.008 is {@code 0.8%}. */
  public String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return switch (this) {
      case RATIO -> Quantities.percent(value);
      case SECONDS ->
          value < 1 ? Quantities.trim(value * 1000, 1) + " ms" : Quantities.trim(value, 3) + " s";
      case NUMBER -> Quantities.trim(value);
    };
  }

  /** The spec's spelling of this unit. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
