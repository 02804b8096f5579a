package io.glidepath.model;

import java.time.Duration;
import java.util.Map;

/**
 * One canary stage.
 *
 * @param weight percentage of traffic on the new version, 1 to 100
 * @param hold how long the stage is observed before the next one
 * @param thresholds per query name, in the query's unit (fractions for rates, seconds for latency)
 * @param gate whether the stage waits for approval before its weight is set
 * @param at a time of day (HH:mm, in the schedule's zone): the stage's shift happens at the next
 *     such time after the previous stage's hold (calendar stages); {@code null} for at once
 */
public record StageSpec(
    int weight, Duration hold, Map<String, Double> thresholds, boolean gate, String at) {
  public StageSpec {
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }

  public StageSpec(int weight, Duration hold, Map<String, Double> thresholds, boolean gate) {
    this(weight, hold, thresholds, gate, null);
  }
}
