package io.glidepath.model;

import java.time.Duration;
import java.util.Map;

/**
 * Rolling update in place: the Deployment's own surge and unavailability limits, then {@code hold}
 * of observation with {@code thresholds}; a failure undoes the rollout.
 *
 * @param maxSurge Kubernetes maxSurge, a count or a percentage such as {@code 25%}
 * @param maxUnavailable Kubernetes maxUnavailable, a count or a percentage
 */
public record RollingSpec(
    String maxSurge, String maxUnavailable, Duration hold, Map<String, Double> thresholds) {
  public RollingSpec {
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }
}
