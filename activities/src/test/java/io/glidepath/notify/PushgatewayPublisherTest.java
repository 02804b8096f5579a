package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class PushgatewayPublisherTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private PushgatewayPublisher pushgateway() {
    return new PushgatewayPublisher(server.url("/").toString(), Duration.ofSeconds(5));
  }

  @Test
  void everyStagePutsTheWholeRegionStateUnderItsGroupingKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    assertTrue(
        pushgateway().send(SlackNotifierTest.event(EventType.STAGE_PASSED, "stage 2 passed")));
    RecordedRequest r = server.takeRequest();
    assertEquals("PUT", r.getMethod());
    assertEquals("/metrics/job/glidepath/service/checkout/region/eu-west", r.getTarget());
    assertTrue(r.getHeaders().get("Content-Type").startsWith("text/plain; version=0.0.4"));
    assertEquals(
        """
        # HELP glidepath_release_stage Canary stage of the release, 1-based.
        # TYPE glidepath_release_stage gauge
        glidepath_release_stage{version="2.4.0"} 2
        # HELP glidepath_release_weight_percent Share of traffic on the new version.
        # TYPE glidepath_release_weight_percent gauge
        glidepath_release_weight_percent{version="2.4.0"} 25
        # HELP glidepath_release_rolled_back 1 once the region rolled back in this release.
        # TYPE glidepath_release_rolled_back gauge
        glidepath_release_rolled_back{version="2.4.0"} 0
        # HELP glidepath_release_check_value Last measured value per query.
        # TYPE glidepath_release_check_value gauge
        glidepath_release_check_value{version="2.4.0",query="error-rate"} 0.004
        glidepath_release_check_value{version="2.4.0",query="p95-latency"} 0.52
        # HELP glidepath_release_check_threshold Threshold per query.
        # TYPE glidepath_release_check_threshold gauge
        glidepath_release_check_threshold{version="2.4.0",query="error-rate"} 0.008
        glidepath_release_check_threshold{version="2.4.0",query="p95-latency"} 0.45
        # HELP glidepath_release_last_event_timestamp_seconds When the last release event of the region happened.
        # TYPE glidepath_release_last_event_timestamp_seconds gauge
        glidepath_release_last_event_timestamp_seconds{version="2.4.0",event="stage_passed"} 1795330000
        """,
        r.getBody().utf8(),
        "text format, every line ending with a newline");
  }

  @Test
  void closingTheReleaseDeletesOnlyItsServicesGroups() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .body(
                """
                {"status":"success","data":[
                 {"labels":{"job":"glidepath","service":"checkout","region":"eu-west"}},
                 {"labels":{"job":"glidepath","service":"checkout","region":"apac"}},
                 {"labels":{"job":"glidepath","service":"billing","region":"eu-west"}},
                 {"labels":{"job":"batch-jobs","service":"checkout","region":"eu-west"}}]}""")
            .build());
    server.enqueue(new MockResponse.Builder().code(202).build());
    server.enqueue(new MockResponse.Builder().code(202).build());
    assertTrue(pushgateway().send(SlackNotifierTest.event(EventType.RELEASE_COMPLETED, "done")));
    assertEquals("/api/v1/metrics", server.takeRequest().getTarget());
    RecordedRequest first = server.takeRequest();
    assertEquals("DELETE", first.getMethod());
    assertEquals("/metrics/job/glidepath/service/checkout/region/eu-west", first.getTarget());
    assertEquals(
        "/metrics/job/glidepath/service/checkout/region/apac", server.takeRequest().getTarget());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void eventsWithoutRegionStateAreNotPushedAndFailuresAreClassified() {
    assertFalse(pushgateway().send(SlackNotifierTest.event(EventType.APPROVED, "ok")));
    server.enqueue(new MockResponse.Builder().code(503).build());
    ApplicationFailure down =
        assertThrows(
            ApplicationFailure.class,
            () -> pushgateway().send(SlackNotifierTest.event(EventType.STAGE_PASSED, "m")));
    assertFalse(down.isNonRetryable());
    server.enqueue(new MockResponse.Builder().code(400).body("text format parsing error").build());
    ApplicationFailure bad =
        assertThrows(
            ApplicationFailure.class,
            () -> pushgateway().send(SlackNotifierTest.event(EventType.STAGE_PASSED, "m")));
    assertTrue(bad.isNonRetryable());
  }
}
