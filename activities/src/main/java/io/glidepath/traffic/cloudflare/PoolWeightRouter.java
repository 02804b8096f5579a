package io.glidepath.traffic.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * One Cloudflare pool per colour, weighted on the load balancer's {@code
 * random_steering.pool_weights}. Every other pool weight and {@code random_steering} field is sent
 * back as it was; the load balancer's steering policy must weigh pools ({@code random} or a {@code
 * least_*} policy).
 */
public final class PoolWeightRouter implements TrafficRouter {
  private final CloudflareClient cloudflare;

  public PoolWeightRouter(CloudflareClient cloudflare) {
    this.cloudflare = cloudflare;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.CLOUDFLARE_POOL_WEIGHT;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    Map<String, String> s = region.traffic().settings();
    String zone = s.get("zone");
    String lb = s.get("loadBalancer");
    double canary = weight / 100.0;
    double stable = Math.round((1 - canary) * 100) / 100.0;
    JsonNode current = cloudflare.getLoadBalancer(zone, lb);
    String policy = current.path("steering_policy").asText("");
    if (!policy.equals("random") && !policy.startsWith("least_")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "load balancer "
              + lb
              + " steers by '"
              + policy
              + "', which ignores pool weights; set its"
              + " steering policy to random",
          "SteeringIgnoresWeights");
    }
    ObjectNode steering =
        current.path("random_steering").isObject()
            ? current.path("random_steering").deepCopy()
            : CloudflareClient.JSON.createObjectNode();
    ObjectNode weights =
        steering.path("pool_weights").isObject()
            ? (ObjectNode) steering.path("pool_weights")
            : steering.putObject("pool_weights");
    if (weights.path(s.get("stablePool")).asDouble(-1) != stable
        || weights.path(s.get("canaryPool")).asDouble(-1) != canary) {
      weights.put(s.get("stablePool"), stable);
      weights.put(s.get("canaryPool"), canary);
      ObjectNode body = CloudflareClient.JSON.createObjectNode();
      body.set("random_steering", steering);
      cloudflare.patchLoadBalancer(zone, lb, body);
    }
    JsonNode after =
        cloudflare.getLoadBalancer(zone, lb).path("random_steering").path("pool_weights");
    double c = after.path(s.get("canaryPool")).asDouble(0);
    double t = c + after.path(s.get("stablePool")).asDouble(0);
    return t == 0 ? 0 : (int) Math.round(100 * c / t);
  }
}
