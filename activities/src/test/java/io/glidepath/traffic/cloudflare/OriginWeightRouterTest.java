package io.glidepath.traffic.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class OriginWeightRouterTest {
  static final String POOL_PATH = "/client/v4/accounts/acc-9f1c/load_balancers/pools/pool-17b5";
  static final RegionSpec APAC =
      new RegionSpec(
          "apac",
          "prod-apac",
          "shop",
          new DeploymentTarget("checkout", "checkout-canary", null),
          new TrafficTarget(
              TrafficRouterType.CLOUDFLARE_ORIGIN_WEIGHT,
              Map.of(
                  "account", "acc-9f1c",
                  "pool", "pool-17b5",
                  "stableOrigin", "checkout-blue",
                  "canaryOrigin", "checkout-green")),
          List.of());

  @StartStop public final MockWebServer server = new MockWebServer();

  private OriginWeightRouter router(RequestBudget budget) {
    return new OriginWeightRouter(
        new CloudflareClient(
            new CloudflareConfig(server.url("/client/v4/").toString(), "cf-test-token-123", null),
            budget));
  }

  private OriginWeightRouter router() {
    return router(RequestBudget.cloudflare());
  }

  /** The pool as Cloudflare returns it, with blue and green at the given weights. */
  static String pool(double blue, double green) {
    return """
        {"success":true,"errors":[],"messages":[],"result":{
          "id":"pool-17b5","name":"checkout-apac","description":"apac origins","enabled":true,
          "minimum_origins":1,"monitor":"f1aba936b94213e5b8dca0c0dbf1f9cc",
          "notification_email":"sre@example.com","origin_steering":{"policy":"random"},
          "origins":[
            {"name":"checkout-blue","address":"blue.apac.example.com","enabled":true,"weight":%s,
             "header":{"Host":["checkout.example.com"]}},
            {"name":"checkout-green","address":"green.apac.example.com","enabled":true,"weight":%s},
            {"name":"checkout-dr","address":"dr.example.com","enabled":false,"weight":0.5}]}}"""
        .formatted(blue, green);
  }

  private void answer(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  private static JsonNode json(String s) throws Exception {
    return CloudflareClient.JSON.readTree(s);
  }

  /** The PATCH body that sets blue and green and keeps everything else of every origin. */
  private static JsonNode expectedPatch(double blue, double green) throws Exception {
    JsonNode body =
        json("{\"origins\":" + json(pool(blue, green)).path("result").path("origins") + "}");
    return body;
  }

  @Test
  void aForwardStepPatchesTheWholeOriginsListAndReadsItBack() throws Exception {
    answer(200, pool(1, 0));
    answer(200, pool(0.9, 0.1));
    answer(200, pool(0.9, 0.1));

    assertEquals(10, router().setWeight(APAC, 10));

    RecordedRequest get = server.takeRequest();
    assertEquals("GET", get.getMethod());
    assertEquals(POOL_PATH, get.getTarget());
    assertEquals("Bearer cf-test-token-123", get.getHeaders().get("Authorization"));
    RecordedRequest patch = server.takeRequest();
    assertEquals("PATCH", patch.getMethod());
    assertEquals(POOL_PATH, patch.getTarget());
    assertEquals("Bearer cf-test-token-123", patch.getHeaders().get("Authorization"));
    assertTrue(patch.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(
        expectedPatch(0.9, 0.1), json(patch.getBody().utf8()), "other origins and fields kept");
    assertEquals("GET", server.takeRequest().getMethod(), "read back to verify");
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aRollbackPutsAllTrafficBackOnBlue() throws Exception {
    answer(200, pool(0.5, 0.5));
    answer(200, pool(1, 0));
    answer(200, pool(1, 0));

    assertEquals(0, router().setWeight(APAC, 0));
    server.takeRequest();
    assertEquals(expectedPatch(1.0, 0.0), json(server.takeRequest().getBody().utf8()));
  }

  @Test
  void aRepeatedCallChangesNothing() throws Exception {
    answer(200, pool(0.75, 0.25));
    answer(200, pool(0.75, 0.25));

    assertEquals(25, router().setWeight(APAC, 25));
    assertEquals("GET", server.takeRequest().getMethod());
    assertEquals("GET", server.takeRequest().getMethod());
    assertEquals(2, server.getRequestCount(), "no PATCH when the pool already holds the weights");
  }

  @Test
  void a429IsRetriedAfterRetryAfterThroughTheNextRetryDelay() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "7")
            .body(
                "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and consider throttling your request speed\"}],\"messages\":[],\"result\":null}")
            .build());
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router().setWeight(APAC, 10));
    assertEquals("RateLimited", f.getType());
    assertFalse(f.isNonRetryable());
    assertEquals(Duration.ofSeconds(7), f.getNextRetryDelay());
    assertTrue(f.getOriginalMessage().contains("971: Please wait"), f.getOriginalMessage());
  }

  @Test
  void a5xxIsRetryableAndTheRetrySucceeds() {
    answer(502, "<html>bad gateway</html>");
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router().setWeight(APAC, 10));
    assertEquals("CloudflareUnavailable", f.getType());
    assertFalse(f.isNonRetryable());

    answer(200, pool(1, 0));
    answer(200, pool(0.9, 0.1));
    answer(200, pool(0.9, 0.1));
    assertEquals(10, router().setWeight(APAC, 10), "the retried attempt");
  }

  @Test
  void a403SaysWhichPermissionTheTokenLacksAndNeverShowsTheToken() {
    answer(
        403,
        "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}");
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router().setWeight(APAC, 10));
    assertTrue(f.isNonRetryable());
    assertEquals("CloudflareForbidden", f.getType());
    assertTrue(
        f.getOriginalMessage().contains("10000: Authentication error"), f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("token lacks Load Balancing: Monitors and Pools Write"),
        f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains("cf-test-token-123"));
  }

  @Test
  void anUnknownPoolOrOriginIsNonRetryableAndClear() {
    answer(
        404,
        "{\"success\":false,\"errors\":[{\"code\":1002,\"message\":\"Pool not found\"}],\"messages\":[],\"result\":null}");
    ApplicationFailure notFound =
        assertThrows(ApplicationFailure.class, () -> router().setWeight(APAC, 10));
    assertEquals("CloudflareNotFound", notFound.getType());
    assertTrue(notFound.isNonRetryable());
    assertTrue(
        notFound.getOriginalMessage().contains("pool pool-17b5 (HTTP 404): 1002: Pool not found"),
        notFound.getOriginalMessage());

    answer(200, pool(1, 0).replace("checkout-green", "checkout-teal"));
    ApplicationFailure origin =
        assertThrows(ApplicationFailure.class, () -> router().setWeight(APAC, 10));
    assertEquals("OriginNotFound", origin.getType());
    assertTrue(
        origin
            .getOriginalMessage()
            .contains(
                "no origin named checkout-green; its origins are checkout-blue, checkout-teal, checkout-dr"));
  }

  @Test
  void theRequestBudgetStopsAWorkerBeforeCloudflareBlocksTheToken() {
    Clock frozen = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    OriginWeightRouter limited = router(new RequestBudget(2, RequestBudget.WINDOW, frozen));
    answer(200, pool(0.9, 0.1));
    answer(200, pool(0.9, 0.1));
    assertEquals(10, limited.setWeight(APAC, 10));
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> limited.setWeight(APAC, 10));
    assertEquals("RateLimited", f.getType());
    assertEquals(Duration.ofMinutes(5), f.getNextRetryDelay());
    assertEquals(2, server.getRequestCount(), "the third request never left the worker");
  }
}
