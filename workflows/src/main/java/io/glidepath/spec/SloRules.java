package io.glidepath.spec;

import io.glidepath.model.Quantities;
import io.glidepath.model.SloSpec;
import io.glidepath.model.SloSpec.BurnAlert;
import io.glidepath.model.SloSpec.Kind;
import io.glidepath.model.SloSpec.Objective;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading and validation of {@code slo} (objectives, period, budget floor, burn-rate alerts). */
final class SloRules {
  static final Duration MIN_PERIOD = Duration.ofDays(1);
  static final Duration MAX_PERIOD = Duration.ofDays(90);
  static final int MAX_OBJECTIVES = 10;
  static final int MAX_BURN_ALERTS = 6;
  static final Duration MAX_LATENCY = Duration.ofMinutes(1);
  static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  static final double MAX_FACTOR = 1_000;
  private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

  private SloRules() {}

  /** The {@code slo} section as written, with defaults; {@code null} when there is none. */
  static SloSpec slo(YamlObject o) {
    if (!o.present()) {
      o.rejectUnknown();
      return null;
    }
    Duration period = o.duration("period", SloSpec.DEFAULT_PERIOD);
    Double minBudget = o.value("minBudget", null, Quantities::parseRate);
    List<Objective> objectives = new ArrayList<>();
    for (YamlObject item : o.objects("objectives", "name")) {
      objectives.add(objective(item));
    }
    if (!o.has("objectives")) {
      objectives.addAll(SloSpec.DEFAULT_OBJECTIVES);
    }
    List<BurnAlert> alerts = new ArrayList<>();
    for (YamlObject item : o.objects("burnAlerts")) {
      alerts.add(
          new BurnAlert(
              item.duration("long", null),
              item.duration("short", null),
              item.value("factor", Double.NaN, SloRules::factor),
              item.choice("severity", SloSpec.Severity.class, SloSpec.Severity.PAGE)));
      item.rejectUnknown();
    }
    if (!o.has("burnAlerts")) {
      alerts.addAll(SloSpec.DEFAULT_BURN_ALERTS);
    }
    o.rejectUnknown();
    return new SloSpec(period, minBudget, objectives, alerts);
  }

  private static Objective objective(YamlObject o) {
    String name = o.string("name");
    Kind fallback =
        name != null && name.toLowerCase(Locale.ROOT).startsWith("latency")
            ? Kind.LATENCY
            : Kind.AVAILABILITY;
    Kind kind = o.choice("kind", Kind.class, fallback);
    double percent = o.value("objective", Double.NaN, SloRules::percent);
    Duration latency = o.duration("latency", null);
    Objective out =
        new Objective(name, kind, percent, latency, o.string("errors"), o.string("total"));
    o.rejectUnknown();
    return out;
  }

  /** An objective as a percentage: {@code 99.95%} or {@code 99.95}. */
  private static double percent(String text) {
    String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
    try {
      if (!t.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
        throw new NumberFormatException();
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a percentage; write it like 99.95% (or 99.95)");
    }
  }

  private static double factor(String text) {
    String t = text.endsWith("x") ? text.substring(0, text.length() - 1).trim() : text;
    if (!t.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a burn-rate factor; write it like 14.4 (times the budget's pace)");
    }
    return Double.parseDouble(t);
  }

  /** Checks the section's meaning; every problem names its field and the fix. */
  static void check(SloSpec s, Problems problems) {
    if (s == null) {
      return;
    }
    problems.within("slo.period", s.period(), MIN_PERIOD, MAX_PERIOD, "period: 30d");
    if (s.minBudget() != null && (s.minBudget() < 0 || s.minBudget() >= 1)) {
      problems.add(
          "slo.minBudget",
          Quantities.percent(s.minBudget())
              + " is outside 0% to 100% (exclusive): give the share of the error budget a region"
              + " must still have, e.g. minBudget: 25%");
    }
    if (s.objectives().isEmpty()) {
      problems.add(
          "slo.objectives",
          "give at least one objective, e.g. - {name: availability, objective: 99.95%}, or leave"
              + " objectives out for the seed's two (availability 99.95%, latency 95% < 100ms)");
    }
    problems.count("slo.objectives", s.objectives().size(), 1, MAX_OBJECTIVES);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < s.objectives().size(); i++) {
      objective(s.objectives().get(i), i, names, problems);
    }
    problems.count("slo.burnAlerts", s.burnAlerts().size(), 1, MAX_BURN_ALERTS);
    double loosest =
        s.objectives().stream()
            .filter(o -> o.percent() > 0 && o.percent() < 100)
            .mapToDouble(Objective::budget)
            .max()
            .orElse(0);
    for (int i = 0; i < s.burnAlerts().size(); i++) {
      BurnAlert a = s.burnAlerts().get(i);
      String at = "slo.burnAlerts[" + i + "]";
      alert(a, at, s.period(), loosest, problems);
      if (i > 0) {
        BurnAlert prev = s.burnAlerts().get(i - 1);
        if (a.longWindow() != null
            && prev.longWindow() != null
            && a.longWindow().compareTo(prev.longWindow()) <= 0) {
          problems.add(
              at + ".long",
              Quantities.format(a.longWindow())
                  + " is not longer than the alert before it ("
                  + Quantities.format(prev.longWindow())
                  + "): list the alerts from the fastest burn to the slowest, each with a longer"
                  + " long window");
        } else if (a.factor() >= prev.factor()) {
          problems.add(
              at + ".factor",
              trim(a.factor())
                  + " is not below the faster alert's "
                  + trim(prev.factor())
                  + ": a longer window catches a slower burn, so give a smaller factor");
        }
      }
    }
  }

  private static void objective(Objective o, int i, Set<String> names, Problems problems) {
    String at = "slo.objectives[" + (Problems.blank(o.name()) ? String.valueOf(i) : o.name()) + "]";
    if (Problems.blank(o.name())) {
      problems.add(at + ".name", "required; name the objective, e.g. name: availability");
    } else if (!NAME.matcher(o.name()).matches()) {
      problems.add(
          at + ".name",
          "'"
              + o.name()
              + "' must be lower-case letters, digits and '-', at most 40 characters; it"
              + " labels the recorded series");
    } else if (!names.add(o.name())) {
      problems.add(at + ".name", "'" + o.name() + "' is given twice; name each objective once");
    }
    if (Double.isNaN(o.percent())) {
      problems.add(at + ".objective", "required, e.g. objective: 99.95%");
    } else if (o.percent() > 0 && o.percent() <= 1) {
      problems.add(
          at + ".objective",
          trim(o.percent())
              + "% is a percentage, not a fraction: write "
              + trim(o.percent() * 100)
              + "% if that is what you mean (objectives lie between 0% and 100%)");
    } else if (o.percent() <= 0 || o.percent() >= 100) {
      problems.add(
          at + ".objective",
          trim(o.percent())
              + "% is outside 0% to 100% (both exclusive): 100% leaves no error budget to"
              + " spend; give e.g. 99.95%");
    }
    if (o.kind() == Kind.LATENCY) {
      if (o.latency() == null && o.errors() == null) {
        problems.add(
            at + ".latency",
            "required for a latency objective: the bound a good request is answered within,"
                + " e.g. latency: 100ms (a bucket boundary of the histogram)");
      } else if (o.latency() != null
          && (o.latency().isZero() || o.latency().compareTo(MAX_LATENCY) > 0)) {
        problems.add(
            at + ".latency",
            Quantities.format(o.latency()) + " is outside 0s (exclusive) to 1m, e.g. 100ms");
      }
    } else if (o.latency() != null) {
      problems.add(
          at + ".latency",
          "only a latency objective has a latency bound; set kind: latency or remove it");
    }
    if ((o.errors() == null) != (o.total() == null)) {
      problems.add(
          at + (o.errors() == null ? ".errors" : ".total"),
          "errors and total go together: give both PromQL rates (each with {{window}}) or"
              + " neither for the built-in definition");
    } else if (o.errors() != null) {
      for (String field : List.of("errors", "total")) {
        String q = field.equals("errors") ? o.errors() : o.total();
        if (!q.contains("{{window}}")) {
          problems.add(
              at + "." + field,
              "must contain {{window}} where the rate's range goes, e.g."
                  + " sum by (region) (rate(my_requests_total{code=~\"5..\"}[{{window}}]))");
        } else if (!q.contains("region")) {
          problems.add(
              at + "." + field,
              "must keep the region label (budgets are per region): aggregate with sum by"
                  + " (region) (...)");
        }
      }
    }
  }

  private static void alert(
      BurnAlert a, String at, Duration period, double loosest, Problems problems) {
    if (a.longWindow() == null) {
      problems.add(at + ".long", "required, e.g. long: 1h");
    } else if (a.longWindow().compareTo(MIN_WINDOW) < 0
        || (period != null && a.longWindow().compareTo(period) > 0)) {
      problems.add(
          at + ".long",
          SpecValidator.days(a.longWindow())
              + " is outside 1m to the period ("
              + SpecValidator.days(period)
              + "), e.g. long: 1h");
    }
    if (a.shortWindow() == null) {
      problems.add(at + ".short", "required, e.g. short: 5m (a twelfth of the long window)");
    } else if (a.shortWindow().compareTo(MIN_WINDOW) < 0) {
      problems.add(at + ".short", Quantities.format(a.shortWindow()) + " is below 1m, e.g. 5m");
    } else if (a.longWindow() != null && a.shortWindow().compareTo(a.longWindow()) >= 0) {
      problems.add(
          at + ".short",
          Quantities.format(a.shortWindow())
              + " is not shorter than the long window "
              + Quantities.format(a.longWindow())
              + ": the short window says the burn still goes on; give about a twelfth of it,"
              + " e.g. "
              + Quantities.format(
                  Duration.ofSeconds(Math.max(60, a.longWindow().toSeconds() / 12))));
    }
    if (Double.isNaN(a.factor())) {
      problems.add(at + ".factor", "required, e.g. factor: 14.4");
    } else if (a.factor() <= 0 || a.factor() > MAX_FACTOR) {
      problems.add(
          at + ".factor", trim(a.factor()) + " is outside 0 (exclusive) to 1000, e.g. 14.4");
    } else if (loosest > 0 && a.factor() * loosest >= 1) {
      problems.add(
          at + ".factor",
          trim(a.factor())
              + " can never fire: every objective's error ratio would have to reach 100%; give"
              + " a factor below "
              + trim(Math.round(1 / loosest * 100) / 100.0)
              + " or tighten the objectives");
    }
  }

  /** A number as a spec writes it: {@code 14.4}, {@code 99.95}, {@code 6}. */
  static String trim(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
