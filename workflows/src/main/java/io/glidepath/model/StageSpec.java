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
 */
public record StageSpec(int weight, Duration hold, Map<String, Double> thresholds, boolean gate) {
  public StageSpec {
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }
}
