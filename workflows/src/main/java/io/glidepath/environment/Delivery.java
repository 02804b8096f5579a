package io.glidepath.environment;

import io.glidepath.release.ReleaseRequest;
import java.util.List;

/**
 * A request to release a version into one environment of its service.
 *
 * @param order the spec's environments in order, with their rules
 * @param request the environment's release; its {@code requestedBy} is who delivers it
 * @param identity the Temporal client identity it came from
 */
public record Delivery(
    String environment, List<EnvironmentRule> order, ReleaseRequest request, String identity) {
  public Delivery {
    order = order == null ? List.of() : List.copyOf(order);
  }
}
