package io.glidepath.traffic.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * Blue-green at the edge: moves a DNS record's content from the stable address to the canary one
 * (100%) and back (0%). A PATCH of {@code content} alone, so {@code proxied} and {@code ttl} stay
 * as they were. The record type is the setting {@code recordType} (default {@code A}).
 */
public final class DnsSwitchRouter implements TrafficRouter {
  private final CloudflareClient cloudflare;

  public DnsSwitchRouter(CloudflareClient cloudflare) {
    this.cloudflare = cloudflare;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.CLOUDFLARE_DNS;
  }

  @Override
  public int setWeight(RegionSpec region, int weight) {
    if (weight != 0 && weight != 100) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a DNS switch holds 0% or 100%, not "
              + weight
              + "%; use strategy blueGreen with"
              + " cloudflare-dns, or a weighted traffic type for a canary",
          "WeightNotSupported");
    }
    Map<String, String> s = region.traffic().settings();
    String zone = s.get("zone");
    String target = weight == 100 ? s.get("canaryAddress") : s.get("stableAddress");
    JsonNode record = record(zone, s);
    if (!target.equals(record.path("content").asText())) {
      ObjectNode body = CloudflareClient.JSON.createObjectNode().put("content", target);
      cloudflare.patchDnsRecord(zone, record.path("id").asText(), body);
      record = record(zone, s);
    }
    String content = record.path("content").asText();
    if (content.equals(s.get("canaryAddress"))) {
      return 100;
    }
    if (content.equals(s.get("stableAddress"))) {
      return 0;
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "DNS record "
            + s.get("record")
            + " points at "
            + content
            + ", neither the stable nor the"
            + " canary address; fix traffic.stableAddress or traffic.canaryAddress",
        "TrafficNotApplied");
  }

  private JsonNode record(String zone, Map<String, String> s) {
    String name = s.get("record");
    String type = s.getOrDefault("recordType", "A");
    JsonNode records = cloudflare.listDnsRecords(zone, name, type);
    if (!records.isArray() || records.size() != 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "zone "
              + zone
              + " has "
              + (records.isArray() ? records.size() : 0)
              + " "
              + type
              + " records named "
              + name
              + "; the DNS switch needs exactly one. Fix traffic.record"
              + " or traffic.recordType",
          "DnsRecordNotFound");
    }
    return records.get(0);
  }
}
