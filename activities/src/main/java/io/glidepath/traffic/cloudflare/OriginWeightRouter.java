package io.glidepath.traffic.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Cloudflare load-balancer pool holding a stable and a canary origin: a stage sets their
 * weights (0.9 and 0.1 for 10%). The pool's whole origins list is sent back with every other origin
 * and field as it was, since PATCH replaces {@code origins} whole; then the pool is read back.
 */
public final class OriginWeightRouter implements TrafficRouter {
  private final CloudflareClient cloudflare;

  public OriginWeightRouter(CloudflareClient cloudflare) {
    this.cloudflare = cloudflare;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.CLOUDFLARE_ORIGIN_WEIGHT;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    Map<String, String> s = region.traffic().settings();
    String account = s.get("account");
    String pool = s.get("pool");
    double canary = Math.round(weight) / 100.0;
    double stable = Math.round((1 - canary) * 100) / 100.0;
    JsonNode current = cloudflare.getPool(account, pool);
    ArrayNode origins = current.path("origins").deepCopy();
    ObjectNode stableOrigin = origin(origins, pool, s.get("stableOrigin"), "stableOrigin");
    ObjectNode canaryOrigin = origin(origins, pool, s.get("canaryOrigin"), "canaryOrigin");
    if (weightOf(stableOrigin) != stable || weightOf(canaryOrigin) != canary) {
      stableOrigin.put("weight", stable);
      canaryOrigin.put("weight", canary);
      ObjectNode body = CloudflareClient.JSON.createObjectNode();
      body.set("origins", origins);
      cloudflare.patchPool(account, pool, body);
    }
    return readBack(cloudflare.getPool(account, pool), pool, s, weight);
  }

  private static int readBack(JsonNode pool, String id, Map<String, String> s, int wanted) {
    ArrayNode origins = (ArrayNode) pool.path("origins");
    ObjectNode stable = origin(origins, id, s.get("stableOrigin"), "stableOrigin");
    ObjectNode canary = origin(origins, id, s.get("canaryOrigin"), "canaryOrigin");
    double c = canary.path("enabled").asBoolean(true) ? weightOf(canary) : 0;
    double t = c + (stable.path("enabled").asBoolean(true) ? weightOf(stable) : 0);
    int held = t == 0 ? 0 : (int) Math.round(100 * c / t);
    if (held != wanted) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pool "
              + id
              + " holds "
              + held
              + "% on "
              + s.get("canaryOrigin")
              + " after setting "
              + wanted
              + "%; is one of its origins disabled? Enable it in the pool",
          "TrafficNotApplied");
    }
    return held;
  }

  private static double weightOf(JsonNode origin) {
    return origin.path("weight").asDouble(1.0);
  }

  private static ObjectNode origin(ArrayNode origins, String pool, String name, String setting) {
    List<String> names = new ArrayList<>();
    for (JsonNode o : origins) {
      if (name.equals(o.path("name").asText())) {
        return (ObjectNode) o;
      }
      names.add(o.path("name").asText());
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "pool "
            + pool
            + " has no origin named "
            + name
            + "; its origins are "
            + String.join(", ", names)
            + ". Fix traffic."
            + setting
            + " in the spec",
        "OriginNotFound");
  }
}
