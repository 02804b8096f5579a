package io.glidepath.analysis;

import java.util.Arrays;

/**
 * A latency histogram as Prometheus keeps it: cumulative counts per upper bound {@code le}, the
 * last bound {@code +Inf}. Counts may be fractional, as {@code increase()} extrapolates.
 */
public record Histogram(double[] bounds, double[] cumulative) {
  public Histogram {
    if (bounds.length != cumulative.length || bounds.length == 0) {
      throw new IllegalArgumentException("a histogram needs one cumulative count per bound");
    }
    bounds = bounds.clone();
    cumulative = cumulative.clone();
  }

  /** Builds one from per-bucket (non-cumulative) counts. */
  public static Histogram ofCounts(double[] bounds, long[] counts) {
    double[] cum = new double[counts.length];
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += counts[i];
      cum[i] = sum;
    }
    return new Histogram(bounds, cum);
  }

  /** Requests observed. */
  public double total() {
    return cumulative[cumulative.length - 1];
  }

  /** Requests slower than {@code bounds()[i]}. */
  public double above(int i) {
    return total() - cumulative[i];
  }

  /**
   * Requests slower than {@code value}, linear inside the bucket that holds it (as {@code
   * histogram_quantile} assumes); past the highest finite bound, what the {@code +Inf} bucket
   * holds.
   */
  public double aboveValue(double value) {
    double lower = 0;
    double below = 0;
    for (int i = 0; i < bounds.length; i++) {
      if (Double.isInfinite(bounds[i])) {
        return total() - below;
      }
      if (value <= bounds[i]) {
        double share = value <= lower ? 0 : (value - lower) / (bounds[i] - lower);
        return total() - (below + share * (cumulative[i] - below));
      }
      lower = bounds[i];
      below = cumulative[i];
    }
    return total() - below;
  }

  /** Index of the first bucket whose cumulative count reaches {@code q} of the total. */
  public int bucketOf(double q) {
    double rank = q * total();
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= rank) {
        return i;
      }
    }
    return bounds.length - 1;
  }

  /** Index of the first bound at or above {@code value}. */
  public int boundAtOrAbove(double value) {
    for (int i = 0; i < bounds.length; i++) {
      if (bounds[i] >= value) {
        return i;
      }
    }
    return bounds.length - 1;
  }

  /**
   * The {@code q} quantile the way PromQL's {@code histogram_quantile} estimates it: linear inside
   * the bucket that holds the rank, the highest finite bound when the rank falls in {@code +Inf}.
   */
  public double quantile(double q) {
    if (total() <= 0) {
      return Double.NaN;
    }
    int i = bucketOf(q);
    if (Double.isInfinite(bounds[i])) {
      return bounds.length > 1 ? bounds[bounds.length - 2] : Double.NaN;
    }
    double lower = i == 0 ? 0 : bounds[i - 1];
    double below = i == 0 ? 0 : cumulative[i - 1];
    double inBucket = cumulative[i] - below;
    if (inBucket <= 0) {
      return bounds[i];
    }
    return lower + (bounds[i] - lower) * (q * total() - below) / inBucket;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && Arrays.equals(bounds, h.bounds)
        && Arrays.equals(cumulative, h.cumulative);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bounds) + Arrays.hashCode(cumulative);
  }

  @Override
  public String toString() {
    return "Histogram" + Arrays.toString(bounds) + Arrays.toString(cumulative);
  }
}
