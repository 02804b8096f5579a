package io.glidepath.model;

import java.util.Map;

/**
 * Where a region's traffic is shifted: the router type and its settings (object names, pool and
 * origin ids). Settings never hold secrets; credentials come from the worker's configuration.
 */
public record TrafficTarget(TrafficRouterType type, Map<String, String> settings) {
  public TrafficTarget {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
