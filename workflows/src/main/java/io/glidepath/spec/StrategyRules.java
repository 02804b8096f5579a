package io.glidepath.spec;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.Bounds;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.Quantities;
import io.glidepath.model.QuerySpec;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.RollingSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation of {@code strategy}: canary stages, blue-green switching, rolling replacement. */
final class StrategyRules {
  private static final Pattern COUNT_OR_PERCENT = Pattern.compile("\\d+%?");

  private StrategyRules() {}

  static void check(StrategySpec s, AnalysisSpec analysis, Problems problems) {
    check(s, analysis, problems, false);
  }

  /**
   * As {@link #check(StrategySpec, AnalysisSpec, Problems)}; with {@code allowlistStage} (a flag
   * release with an allowlist) the first canary stage may hold 0%: the allowlist alone.
   */
  static void check(
      StrategySpec s, AnalysisSpec analysis, Problems problems, boolean allowlistStage) {
    switch (s.type()) {
      case CANARY -> canary(s.canary(), analysis, problems, allowlistStage);
      case BLUE_GREEN -> blueGreen(s.blueGreen(), analysis, problems);
      case ROLLING -> rolling(s.rolling(), analysis, problems);
    }
  }

  private static void canary(
      CanarySpec c, AnalysisSpec analysis, Problems problems, boolean allowlistStage) {
    List<StageSpec> stages = c.stages();
    if (stages.isEmpty()) {
      problems.add("strategy.canary.stages", "list at least one stage, the last at 100%");
      return;
    }
    if (stages.size() > Bounds.MAX_STAGES) {
      problems.add(
          "strategy.canary.stages",
          stages.size()
              + " stages are more than "
              + Bounds.MAX_STAGES
              + "; use fewer, longer ones");
    }
    for (int i = 0; i < stages.size(); i++) {
      StageSpec st = stages.get(i);
      String at = "strategy.canary.stages[" + i + "]";
      if (i == 0 && st.weight() == 0 && allowlistStage) {
        // the allowlist alone; FlagRules checks the allowlist exists
      } else if (st.weight() < 1 || st.weight() > 100) {
        problems.add(
            at + ".weight",
            st.weight()
                + " is outside 1 to 100; weights are percentages"
                + (i == 0 && st.weight() == 0
                    ? " (a 0% first stage is only for a flag release whose every region has"
                        + " traffic.allowlistAttribute and traffic.allowlist: the allowlist alone)"
                    : ""));
      } else if (i > 0 && st.weight() <= stages.get(i - 1).weight()) {
        problems.add(
            at + ".weight",
            st.weight()
                + " is "
                + (st.weight() == stages.get(i - 1).weight() ? "equal to" : "below")
                + " the previous stage's "
                + stages.get(i - 1).weight()
                + "; weights must increase");
      }
      if (problems.within(
          at + ".hold", st.hold(), Duration.ofMillis(1), Bounds.MAX_HOLD, "hold: 5m")) {
        unwatched(at + ".hold", st.hold(), analysis, problems, false);
      }
      thresholds(at + ".thresholds", st.thresholds(), analysis, problems);
    }
    if (c.rollback() == RollbackMode.STAGED && stages.size() == 1) {
      problems.addNew(
          "strategy.canary.rollback",
          "staged has no effect with a single stage: there are no weights passed to step down"
              + " through; add stages or use rollback: immediate");
    }
    int last = stages.get(stages.size() - 1).weight();
    if (last != 100) {
      problems.add(
          "strategy.canary.stages[" + (stages.size() - 1) + "].weight",
          last + " ends the canary below 100; the last stage must send 100% to the new version");
    }
  }

  private static void blueGreen(BlueGreenSpec b, AnalysisSpec analysis, Problems problems) {
    problems.count(
        "strategy.blueGreen.healthCheckTries",
        b.healthCheckTries(),
        1,
        Bounds.MAX_HEALTH_CHECK_TRIES);
    problems.within(
        "strategy.blueGreen.healthCheckInterval",
        b.healthCheckInterval(),
        Bounds.MIN_INTERVAL,
        Bounds.MAX_HEALTH_CHECK_INTERVAL,
        "healthCheckInterval: 10s");
    problems.within(
        "strategy.blueGreen.rollbackWindow",
        b.rollbackWindow(),
        Duration.ZERO,
        Bounds.MAX_ROLLBACK_WINDOW,
        "rollbackWindow: 30m");
    unwatched("strategy.blueGreen.rollbackWindow", b.rollbackWindow(), analysis, problems, true);
    thresholds("strategy.blueGreen.thresholds", b.thresholds(), analysis, problems);
  }

  private static void rolling(RollingSpec r, AnalysisSpec analysis, Problems problems) {
    boolean surge = COUNT_OR_PERCENT.matcher(r.maxSurge()).matches();
    boolean unavailable = COUNT_OR_PERCENT.matcher(r.maxUnavailable()).matches();
    if (!surge) {
      problems.add(
          "strategy.rolling.maxSurge", "'" + r.maxSurge() + "' must be a count or a percentage");
    }
    if (!unavailable) {
      problems.add(
          "strategy.rolling.maxUnavailable",
          "'" + r.maxUnavailable() + "' must be a count or a percentage");
    }
    if (surge) {
      surgeRange("strategy.rolling.maxSurge", r.maxSurge(), problems);
    }
    if (unavailable) {
      surgeRange("strategy.rolling.maxUnavailable", r.maxUnavailable(), problems);
    }
    if (surge && unavailable && zero(r.maxSurge()) && zero(r.maxUnavailable())) {
      problems.add(
          "strategy.rolling.maxUnavailable",
          "maxSurge and maxUnavailable are both 0, so no pod could ever be replaced; raise one");
    }
    problems.within(
        "strategy.rolling.hold", r.hold(), Duration.ZERO, Bounds.MAX_ROLLING_HOLD, "hold: 10m");
    unwatched("strategy.rolling.hold", r.hold(), analysis, problems, true);
    thresholds("strategy.rolling.thresholds", r.thresholds(), analysis, problems);
  }

  private static void thresholds(
      String at, Map<String, Double> thresholds, AnalysisSpec analysis, Problems problems) {
    thresholds.forEach(
        (name, value) -> {
          QuerySpec q = analysis.query(name);
          problems.bounded(at + "." + name, value, q == null ? MetricUnit.NUMBER : q.unit());
        });
  }

  /**
   * A watched time above 0 but shorter than one check interval (no check would run in it, so it
   * would pass unjudged), or than the warm-up after a shift plus the 30 s a first verdict needs (it
   * would never be judged, and hold). 0 is allowed: it skips the watch on purpose.
   */
  static void unwatched(
      String at, Duration d, AnalysisSpec analysis, Problems problems, boolean zeroSkips) {
    String orSkip = zeroSkips ? ", or 0s to skip the watch" : "";
    if (d != null
        && !d.isNegative()
        && !d.isZero()
        && analysis.interval() != null
        && d.compareTo(analysis.interval()) < 0) {
      problems.addNew(
          at,
          Quantities.format(d)
              + " is shorter than analysis.interval "
              + Quantities.format(analysis.interval())
              + ", so no check would run in it; give at least one interval"
              + orSkip);
      return;
    }
    Duration warmup = analysis.warmup();
    if (d != null
        && d.compareTo(Duration.ZERO) > 0
        && warmup != null
        && warmup.compareTo(Duration.ZERO) > 0
        && d.compareTo(warmup.plus(Defaults.MIN_AFTER_WARMUP)) < 0) {
      problems.addNew(
          at,
          Quantities.format(d)
              + " is shorter than analysis.warmup "
              + Quantities.format(warmup)
              + " plus the "
              + Quantities.format(Defaults.MIN_AFTER_WARMUP)
              + " a first verdict needs, so the new version would never be judged in it; give at"
              + " least "
              + Quantities.format(warmup.plus(Defaults.MIN_AFTER_WARMUP))
              + " or a shorter analysis.warmup"
              + orSkip);
    }
  }

  /** A percentage from 0 to 100%, or a pod count up to {@link Bounds#MAX_ROLLING_COUNT}. */
  private static void surgeRange(String at, String value, Problems problems) {
    boolean percent = value.endsWith("%");
    String digits = percent ? value.substring(0, value.length() - 1) : value;
    long n = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    long max = percent ? Bounds.MAX_ROLLING_PERCENT : Bounds.MAX_ROLLING_COUNT;
    if (n > max) {
      problems.addNew(
          at,
          value
              + " is outside "
              + (percent ? "0 to " + max + "%" : "0 to " + max + " pods")
              + "; a percentage of the Deployment's replicas (at most 100%) or a pod count");
    }
  }

  private static boolean zero(String countOrPercent) {
    return countOrPercent.replace("%", "").matches("0+");
  }
}
