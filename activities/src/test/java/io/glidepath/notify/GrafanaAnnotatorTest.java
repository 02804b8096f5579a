package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.NotificationSpec;
import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class GrafanaAnnotatorTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private GrafanaAnnotator grafana() {
    return new GrafanaAnnotator(
        server.url("/").toString(),
        "rel-overview",
        new Secrets(Map.of("GRAFANA_TOKEN", "glsa_test_token")),
        Duration.ofSeconds(5));
  }

  private static ReleaseEvent event(EventType type, String message) {
    return SlackNotifierTest.event(
        type, message, new NotificationSpec(null, null, null, "GRAFANA_TOKEN"));
  }

  private void added(long id) {
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"message\":\"Annotation added\",\"id\":" + id + "}")
            .build());
  }

  private static String json(RecordedRequest r) throws Exception {
    return Webhooks.JSON.readTree(r.getBody().utf8()).toString();
  }

  @Test
  void aRegionStartOpensATaggedRegionAnnotation() throws Exception {
    added(41);
    assertTrue(grafana().send(event(EventType.REGION_STARTED, "starts")));
    RecordedRequest r = server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/annotations", r.getTarget());
    assertEquals("Bearer glsa_test_token", r.getHeaders().get("Authorization"));
    assertEquals(
        Webhooks.JSON
            .readTree(
                """
                {"dashboardUID":"rel-overview","time":1795330000000,
                 "tags":["glidepath","checkout","eu-west","2.4.0","release-checkout-eu-west","rollout"],
                 "text":"checkout 2.4.0 rolling out in eu-west (release-checkout-eu-west)"}""")
            .toString(),
        json(r));
  }

  @Test
  void eachStageIsAPointAnnotation() throws Exception {
    added(42);
    grafana().send(event(EventType.STAGE_PASSED, "stage 2/5 at 25% passed"));
    String body = json(server.takeRequest());
    assertTrue(
        body.contains(
            "\"tags\":[\"glidepath\",\"checkout\",\"eu-west\",\"2.4.0\",\"release-checkout-eu-west\",\"stage\"]"),
        body);
    assertTrue(
        body.contains("\"text\":\"stage 2/5 at 25% passed (release-checkout-eu-west)\""), body);
    assertFalse(body.contains("timeEnd"), "a point annotation");
  }

  @Test
  void aRollbackMarksThePointAndClosesTheRegion() throws Exception {
    added(43);
    server.enqueue(
        new MockResponse.Builder()
            .body(
                "[{\"id\":41,\"time\":1795329000000,\"timeEnd\":1795329000000,\"tags\":[\"glidepath\",\"rollout\"]}]")
            .build());
    server.enqueue(new MockResponse.Builder().body("{\"message\":\"Annotation patched\"}").build());
    assertTrue(
        grafana().send(event(EventType.ROLLBACK_TRIGGERED, "rollback triggered at stage 2 (25%)")));

    assertTrue(json(server.takeRequest()).contains("\"rollback\""));
    RecordedRequest find = server.takeRequest();
    assertEquals("GET", find.getMethod());
    assertEquals(
        "/api/annotations?tags=glidepath&tags=release-checkout-eu-west&tags=rollout&type=annotation&limit=1",
        URLDecoder.decode(find.getTarget(), StandardCharsets.UTF_8));
    RecordedRequest close = server.takeRequest();
    assertEquals("PATCH", close.getMethod());
    assertEquals("/api/annotations/41", close.getTarget());
    assertEquals("{\"timeEnd\":1795330000000}", json(close));
  }

  @Test
  void aRefusedTokenNamesTheSecretNotTheToken() {
    server.enqueue(
        new MockResponse.Builder().code(401).body("{\"message\":\"invalid API key\"}").build());
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class, () -> grafana().send(event(EventType.STAGE_PASSED, "m")));
    assertTrue(f.isNonRetryable());
    assertTrue(
        f.getOriginalMessage().contains("the token in GRAFANA_TOKEN needs annotations:write"),
        f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains("glsa_test_token"));
  }
}
