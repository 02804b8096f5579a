package io.glidepath.traffic;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;

/**
 * {@code traffic.type: none}: regions without a traffic layer, where a rolling update moves the
 * traffic with the pods. It changes nothing and reports the weight asked for.
 */
public final class NoopTrafficRouter implements TrafficRouter {
  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.NONE;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    return weight;
  }
}
