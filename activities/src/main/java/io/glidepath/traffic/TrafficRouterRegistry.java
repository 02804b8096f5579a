package io.glidepath.traffic;

import io.glidepath.model.TrafficRouterType;
import io.temporal.failure.ApplicationFailure;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The routers this worker can drive, by type. An unknown type fails loudly, never silently. */
public final class TrafficRouterRegistry {
  private final Map<TrafficRouterType, TrafficRouter> routers =
      new EnumMap<>(TrafficRouterType.class);

  public TrafficRouterRegistry(Collection<? extends TrafficRouter> available) {
    for (TrafficRouter r : available) {
      if (routers.put(r.type(), r) != null) {
        throw new IllegalArgumentException("two routers for traffic type " + r.type().id());
      }
    }
  }

  /** The router for {@code type}; a non-retryable failure naming what is configured when none. */
  public TrafficRouter router(TrafficRouterType type) {
    TrafficRouter r = routers.get(type);
    if (r == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "this worker has no router for traffic type "
              + (type == null ? "null" : type.id())
              + "; it is configured for: "
              + routers.keySet().stream()
                  .map(TrafficRouterType::id)
                  .collect(Collectors.joining(", "))
              + ". Configure the provider on the worker, or change the region's traffic.type",
          "UnknownTrafficType");
    }
    return r;
  }
}
