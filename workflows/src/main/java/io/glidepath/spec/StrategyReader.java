package io.glidepath.spec;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.RollingSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code strategy}: exactly one of canary (its stages), blueGreen or rolling, judging a
 * misspelt strategy by the one meant so that one typo gives one message.
 */
final class StrategyReader {
  private static final List<String> STRATEGIES = List.of("canary", "blueGreen", "rolling");

  private StrategyReader() {}

  static StrategySpec strategy(YamlObject o, AnalysisSpec analysis) {
    List<String> chosen = new ArrayList<>();
    for (String key : o.keys()) {
      if (STRATEGIES.contains(key)) {
        chosen.add(key);
        continue;
      }
      o.seen(key);
      Optional<String> meant =
          STRATEGIES.stream()
              .filter(known -> known.equalsIgnoreCase(key.replace("-", "").replace("_", "")))
              .findFirst()
              .or(() -> YamlObject.closest(key, STRATEGIES));
      // Judge the rest of the spec by the strategy meant, so one typo gives one message.
      meant.ifPresent(chosen::add);
      String hint = meant.map(best -> "did you mean '" + best + "'? ").orElse("");
      o.problem(
          o.path(key),
          "unknown strategy; "
              + hint
              + "the strategies are canary, blueGreen and rolling (spelled exactly so)");
    }
    if (chosen.size() > 1) {
      o.problem(
          o.path(),
          "choose one strategy, got " + String.join(" and ", chosen) + "; keep only one of them");
    }
    StrategyType type =
        chosen.isEmpty()
            ? StrategyType.CANARY
            : switch (chosen.get(0)) {
              case "blueGreen" -> StrategyType.BLUE_GREEN;
              case "rolling" -> StrategyType.ROLLING;
              default -> StrategyType.CANARY;
            };
    StrategySpec spec =
        switch (type) {
          case CANARY -> {
            YamlObject c = o.object("canary");
            List<YamlObject> raw = c.objects("stages");
            List<StageSpec> stages =
                raw.isEmpty()
                    ? Defaults.CANARY_STAGES
                    : raw.stream().map(s -> stage(s, analysis)).toList();
            RollbackMode rollback =
                c.choice("rollback", RollbackMode.class, RollbackMode.IMMEDIATE);
            c.rejectUnknown();
            yield new StrategySpec(type, new CanarySpec(stages, rollback), null, null);
          }
          case BLUE_GREEN -> {
            YamlObject b = o.object("blueGreen");
            BlueGreenSpec bg =
                new BlueGreenSpec(
                    b.integer("healthCheckTries", Defaults.HEALTH_CHECK_TRIES),
                    b.duration("healthCheckInterval", Defaults.HEALTH_CHECK_INTERVAL),
                    b.duration("rollbackWindow", Defaults.ROLLBACK_WINDOW),
                    AnalysisReader.thresholds(b, analysis, Defaults.FINAL_THRESHOLDS));
            b.rejectUnknown();
            yield new StrategySpec(type, null, bg, null);
          }
          case ROLLING -> {
            YamlObject r = o.object("rolling");
            RollingSpec rolling =
                new RollingSpec(
                    r.value("maxSurge", "25%", String::valueOf),
                    r.value("maxUnavailable", "0", String::valueOf),
                    r.duration("hold", Defaults.ROLLING_HOLD),
                    AnalysisReader.thresholds(r, analysis, Defaults.FINAL_THRESHOLDS));
            r.rejectUnknown();
            yield new StrategySpec(type, null, null, rolling);
          }
        };
    o.rejectUnknown();
    return spec;
  }

  /** A canary stage; one that names no thresholds is judged by the seed's row for its weight. */
  private static StageSpec stage(YamlObject s, AnalysisSpec analysis) {
    int weight =
        s.has("weight") ? s.value("weight", 0, StrategyReader::weight) : required(s, "weight");
    StageSpec stage =
        new StageSpec(
            weight,
            s.duration("hold", Duration.ofMinutes(5)),
            AnalysisReader.thresholds(s, analysis, Defaults.seedThresholds(weight)),
            s.flag("gate", false),
            s.string("at"));
    s.rejectUnknown();
    return stage;
  }

  private static int required(YamlObject s, String key) {
    s.problem(s.path(key), "required; the percentage of traffic at this stage, e.g. weight: 25%");
    return 0;
  }

  private static int weight(String text) {
    String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a weight; write a whole percentage like 25%");
    }
  }
}
