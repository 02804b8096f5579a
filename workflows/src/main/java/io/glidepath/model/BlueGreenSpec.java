package io.glidepath.model;

import java.time.Duration;
import java.util.Map;

/**
 * Blue-green: green is health-checked ({@code healthCheckTries} x {@code healthCheckInterval}),
 * takes all traffic at once, and is watched for {@code rollbackWindow} with {@code thresholds}
 * while blue stays ready to take traffic back.
 */
public record BlueGreenSpec(
    int healthCheckTries,
    Duration healthCheckInterval,
    Duration rollbackWindow,
    Map<String, Double> thresholds) {
  public BlueGreenSpec {
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }
}
