package io.glidepath.traffic.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import io.glidepath.traffic.TrafficActivitiesImpl;
import io.glidepath.traffic.TrafficRouterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A region's canary through the origin-weight router against a Cloudflare stand-in that keeps the
 * pool's state; deployments, metrics and notifications come from the sandbox. The metrics breach
 * when the pool really sends half the traffic to green.
 */
class CloudflareCanaryWorkflowTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private Harness h;
  private final List<Double> greenPatched = Collections.synchronizedList(new ArrayList<>());
  private volatile JsonNode pool;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private double weight(String origin) {
    for (JsonNode o : pool.path("origins")) {
      if (o.path("name").asText().equals(origin)) {
        return o.path("weight").asDouble();
      }
    }
    throw new AssertionError("no origin " + origin);
  }

  private void fakeCloudflare() throws Exception {
    pool = CloudflareClient.JSON.readTree(OriginWeightRouterTest.pool(1, 0)).path("result");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            try {
              if (r.getMethod().equals("PATCH")) {
                JsonNode body = CloudflareClient.JSON.readTree(r.getBody().utf8());
                ObjectNode next = pool.deepCopy();
                next.set("origins", body.path("origins"));
                pool = next;
                greenPatched.add(weight("checkout-green"));
              }
              return new MockResponse.Builder()
                  .body("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + pool + "}")
                  .build();
            } catch (Exception e) {
              return new MockResponse.Builder().code(500).body(e.toString()).build();
            }
          }
        });
  }

  @Test
  void aBreachLeavesThePoolAtBlueOneGreenZero() throws Exception {
    fakeCloudflare();
    CloudflareClient cloudflare =
        new CloudflareClient(
            new CloudflareConfig(server.url("/client/v4/").toString(), "cf-test-token-123", null),
            RequestBudget.cloudflare());
    h =
        Harness.withActivities(
            new TrafficActivitiesImpl(
                new TrafficRouterRegistry(List.of(new OriginWeightRouter(cloudflare)))));
    h.world.metrics =
        (region, w, query, check) ->
            query.equals("error-rate") && weight("checkout-green") == 0.5
                ? 0.04
                : SandboxWorld.healthy(region, w, query, check);

    ReleaseSpec spec =
        SpecParser.parse(
            """
            service: checkout
            version: 2.4.0
            image: ghcr.io/acme/checkout:2.4.0
            regions:
              - name: apac
                cluster: prod-apac
                namespace: shop
                deployment: {stable: checkout}
                traffic: {type: cloudflare-origin-weight, account: acc-9f1c, pool: pool-17b5,
                          stableOrigin: checkout-blue, canaryOrigin: checkout-green}
            soak: 0s
            """,
            "cloudflare canary");
    ReleaseLauncher launcher = h.launcher;
    launcher.start(spec, "alice");
    ReleaseResult result = launcher.result("checkout");

    assertEquals(ReleasePhase.FAILED, result.phase());
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    assertTrue(result.regions().get(0).reason().contains("error-rate 4% > 0.5%"), result.summary());
    assertEquals(List.of(0.1, 0.25, 0.5, 0.0), greenPatched, "10%, 25%, 50%, then back to stable");
    assertEquals(1.0, weight("checkout-blue"));
    assertEquals(0.0, weight("checkout-green"));
    assertEquals(
        0.5, pool.path("origins").get(2).path("weight").asDouble(), "the DR origin untouched");
  }
}
