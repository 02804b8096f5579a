package io.glidepath.spec;

import io.glidepath.model.Bounds;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.Quantities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one spec, at most one per field, and the range checks every section of the
 * validator shares (durations, counts, limits in a query's unit).
 */
final class Problems {
  private final List<SpecProblem> found = new ArrayList<>();
  private final boolean current;

  /** Problems under the current rules. */
  Problems() {
    this(true);
  }

  /**
   * Problems under the current rules, or ({@code current} false) only under the rules a release
   * already running was started with: see {@link SpecValidator.Rules}.
   */
  Problems(boolean current) {
    this.current = current;
  }

  /**
   * Records a problem found by a rule added after releases were first started: the release
   * workflow, re-checking the input of a release started before the rule, must decide as it did.
   */
  void addNew(String path, String message) {
    if (current) {
      add(path, message);
    }
  }

  /** Records one problem per field: the first is the root cause, later ones would repeat it. */
  void add(String path, String message) {
    if (found.stream().noneMatch(p -> p.path().equals(path))) {
      found.add(new SpecProblem(path, message));
    }
  }

  List<SpecProblem> list() {
    return List.copyOf(found);
  }

  /** Checks {@code d} lies in {@code min..max}; returns whether it does. */
  boolean within(String at, Duration d, Duration min, Duration max, String example) {
    if (d == null) {
      add(at, "required, e.g. " + example);
      return false;
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      add(
          at,
          show(d)
              + " is outside "
              + (min.isZero() || min.equals(Duration.ofMillis(1)) ? "0s" : days(min))
              + (min.equals(Duration.ofMillis(1)) ? " (exclusive)" : "")
              + " to "
              + days(max)
              + ", e.g. "
              + example);
      return false;
    }
    return true;
  }

  /** Checks a count lies in {@code min..max}. */
  void count(String at, int n, int min, int max) {
    if (n < min || n > max) {
      add(at, n + " is outside " + min + " to " + max);
    }
  }

  /**
   * A threshold or floor in its query's unit: a rate from 0 to 100% (above 100% no check could ever
   * fail), a latency up to {@link Bounds#MAX_LATENCY}, a finite number otherwise.
   */
  void bounded(String at, Double value, MetricUnit unit) {
    if (value == null || !Double.isFinite(value)) {
      add(at, "must be a number of 0 or more");
      return;
    }
    if (value < 0) {
      add(
          at,
          unit.format(value)
              + " is below 0; "
              + switch (unit) {
                case RATIO -> "rates run from 0 to 100%";
                case SECONDS -> "latencies run from 0s to " + Quantities.format(Bounds.MAX_LATENCY);
                case NUMBER ->
                    "limits run from 0 to " + MetricUnit.NUMBER.format(Bounds.MAX_NUMBER);
              });
      return;
    }
    switch (unit) {
      case RATIO -> {
        if (value > Bounds.MAX_RATE) {
          add(
              at,
              unit.format(value)
                  + " is above 100%; rates run from 0 to 100%, so this limit could never be"
                  + " crossed and would switch the check off"
                  + (value >= 2
                      ? " (a bare number is a fraction: write "
                          + MetricUnit.NUMBER.format(value)
                          + "% for "
                          + MetricUnit.NUMBER.format(value)
                          + " percent)"
                      : ""));
        }
      }
      case SECONDS -> {
        if (value > Bounds.MAX_LATENCY.toSeconds()) {
          add(
              at,
              unit.format(value)
                  + " is above "
                  + Quantities.format(Bounds.MAX_LATENCY)
                  + "; a"
                  + " latency limit that long never fails");
        }
      }
      case NUMBER -> {
        if (value > Bounds.MAX_NUMBER) {
          add(at, "is above " + MetricUnit.NUMBER.format(Bounds.MAX_NUMBER));
        }
      }
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** A bound as a spec writes it: whole days as {@code 14d}, else like {@code 30m}. */
  private static String days(Duration d) {
    return d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))
        ? d.toDays() + "d"
        : Quantities.format(d);
  }

  private static String show(Duration d) {
    return d.compareTo(Duration.ofDays(3650)) > 0 ? "a duration of over ten years" : days(d);
  }
}
