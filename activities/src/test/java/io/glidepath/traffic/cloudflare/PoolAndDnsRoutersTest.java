package io.glidepath.traffic.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class PoolAndDnsRoutersTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private CloudflareClient client() {
    return new CloudflareClient(
        new CloudflareConfig(server.url("/client/v4/").toString(), "cf-test-token-123", null),
        RequestBudget.cloudflare());
  }

  private static RegionSpec region(TrafficRouterType type, Map<String, String> settings) {
    return new RegionSpec(
        "eu-west",
        "prod-eu",
        "shop",
        new DeploymentTarget("checkout", "checkout-canary", null),
        new TrafficTarget(type, settings),
        List.of());
  }

  private void answer(String body) {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  private static JsonNode json(String s) throws Exception {
    return CloudflareClient.JSON.readTree(s);
  }

  // ---- load balancer pool weights ----

  static final RegionSpec LB =
      region(
          TrafficRouterType.CLOUDFLARE_POOL_WEIGHT,
          Map.of(
              "zone",
              "zone-023e",
              "loadBalancer",
              "lb-699d",
              "stablePool",
              "pool-blue",
              "canaryPool",
              "pool-green"));

  static String loadBalancer(double blue, double green) {
    return """
        {"success":true,"errors":[],"messages":[],"result":{"id":"lb-699d","name":"checkout.example.com",
          "enabled":true,"proxied":true,"ttl":30,"steering_policy":"random","session_affinity":"none",
          "fallback_pool":"pool-blue","default_pools":["pool-blue","pool-green","pool-eu-backup"],
          "random_steering":{"default_weight":0.2,
            "pool_weights":{"pool-blue":%s,"pool-green":%s,"pool-eu-backup":0.1}}}}"""
        .formatted(blue, green);
  }

  @Test
  void poolWeightsForwardKeepOtherPoolsAndFields() throws Exception {
    answer(loadBalancer(1, 0));
    answer(loadBalancer(0.75, 0.25));
    answer(loadBalancer(0.75, 0.25));
    assertEquals(25, new PoolWeightRouter(client()).setWeight(LB, 25));

    assertEquals(
        "/client/v4/zones/zone-023e/load_balancers/lb-699d", server.takeRequest().getTarget());
    RecordedRequest patch = server.takeRequest();
    assertEquals("PATCH", patch.getMethod());
    assertEquals("/client/v4/zones/zone-023e/load_balancers/lb-699d", patch.getTarget());
    assertEquals("Bearer cf-test-token-123", patch.getHeaders().get("Authorization"));
    assertEquals(
        json(
            "{\"random_steering\":{\"default_weight\":0.2,\"pool_weights\":{\"pool-blue\":0.75,\"pool-green\":0.25,\"pool-eu-backup\":0.1}}}"),
        json(patch.getBody().utf8()));
  }

  @Test
  void poolWeightsRollBackAndRepeat() throws Exception {
    answer(loadBalancer(0.5, 0.5));
    answer(loadBalancer(1, 0));
    answer(loadBalancer(1, 0));
    assertEquals(0, new PoolWeightRouter(client()).setWeight(LB, 0));
    server.takeRequest();
    JsonNode sent = json(server.takeRequest().getBody().utf8());
    assertEquals(
        1.0, sent.path("random_steering").path("pool_weights").path("pool-blue").asDouble());
    assertEquals(
        0.0, sent.path("random_steering").path("pool_weights").path("pool-green").asDouble());

    answer(loadBalancer(1, 0));
    answer(loadBalancer(1, 0));
    assertEquals(0, new PoolWeightRouter(client()).setWeight(LB, 0));
    assertEquals(5, server.getRequestCount(), "the repeated call sent no PATCH");
  }

  @Test
  void poolWeightsRefuseASteeringPolicyThatIgnoresThem() {
    answer(
        loadBalancer(1, 0)
            .replace("\"steering_policy\":\"random\"", "\"steering_policy\":\"geo\""));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class, () -> new PoolWeightRouter(client()).setWeight(LB, 10));
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("steers by 'geo'"), f.getOriginalMessage());
  }

  // ---- DNS switch ----

  static final RegionSpec DNS =
      region(
          TrafficRouterType.CLOUDFLARE_DNS,
          Map.of(
              "zone",
              "zone-023e",
              "record",
              "checkout.example.com",
              "stableAddress",
              "198.51.100.4",
              "canaryAddress",
              "203.0.113.7"));

  static String records(String content) {
    return """
        {"success":true,"errors":[],"messages":[],"result":[{"id":"rec-372e","zone_id":"zone-023e",
          "zone_name":"example.com","name":"checkout.example.com","type":"A","content":"%s",
          "proxiable":true,"proxied":true,"ttl":1,"comment":"blue/green switch","tags":[]}],
         "result_info":{"page":1,"per_page":100,"count":1,"total_count":1,"total_pages":1}}"""
        .formatted(content);
  }

  static final String PATCHED =
      "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"rec-372e\"}}";

  @Test
  void theDnsSwitchMovesOnlyTheContent() throws Exception {
    answer(records("198.51.100.4"));
    answer(PATCHED);
    answer(records("203.0.113.7"));
    assertEquals(100, new DnsSwitchRouter(client()).setWeight(DNS, 100));

    RecordedRequest list = server.takeRequest();
    assertEquals("GET", list.getMethod());
    assertEquals(
        "/client/v4/zones/zone-023e/dns_records?name=checkout.example.com&type=A",
        list.getTarget());
    RecordedRequest patch = server.takeRequest();
    assertEquals("PATCH", patch.getMethod());
    assertEquals("/client/v4/zones/zone-023e/dns_records/rec-372e", patch.getTarget());
    assertEquals(
        json("{\"content\":\"203.0.113.7\"}"),
        json(patch.getBody().utf8()),
        "proxied and ttl untouched");
  }

  @Test
  void theDnsSwitchRollsBackAndRepeats() throws Exception {
    answer(records("203.0.113.7"));
    answer(PATCHED);
    answer(records("198.51.100.4"));
    assertEquals(0, new DnsSwitchRouter(client()).setWeight(DNS, 0));
    server.takeRequest();
    assertEquals(
        json("{\"content\":\"198.51.100.4\"}"), json(server.takeRequest().getBody().utf8()));

    answer(records("198.51.100.4"));
    assertEquals(0, new DnsSwitchRouter(client()).setWeight(DNS, 0));
    assertEquals(4, server.getRequestCount(), "the repeated call only looked");
  }

  @Test
  void theDnsSwitchRefusesPartialWeightsAndMissingRecords() {
    ApplicationFailure partial =
        assertThrows(
            ApplicationFailure.class, () -> new DnsSwitchRouter(client()).setWeight(DNS, 25));
    assertTrue(partial.getOriginalMessage().contains("holds 0% or 100%, not 25%"));
    answer(
        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[],\"result_info\":{\"count\":0}}");
    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class, () -> new DnsSwitchRouter(client()).setWeight(DNS, 100));
    assertTrue(missing.isNonRetryable());
    assertTrue(
        missing.getOriginalMessage().contains("has 0 A records named checkout.example.com"),
        missing.getOriginalMessage());
  }
}
