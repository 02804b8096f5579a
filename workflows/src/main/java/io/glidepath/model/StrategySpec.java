package io.glidepath.model;

import java.util.Map;

/** The strategy of a release: exactly one of canary, blue-green or rolling is set. */
public record StrategySpec(
    StrategyType type, CanarySpec canary, BlueGreenSpec blueGreen, RollingSpec rolling) {

  /** How many stages a region goes through: the canary's stages, else one. */
  public int stageCount() {
    return type == StrategyType.CANARY ? canary.stages().size() : 1;
  }

  /**
   * The thresholds that watch a region once it serves all traffic: during delays, the soak and the
   * blue-green window. For a canary, the last stage's.
   */
  public Map<String, Double> finalThresholds() {
    return switch (type) {
      case CANARY -> canary.stages().get(canary.stages().size() - 1).thresholds();
      case BLUE_GREEN -> blueGreen.thresholds();
      case ROLLING -> rolling.thresholds();
    };
  }
}
