package io.glidepath.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.prometheus.PromResult;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The sandbox answers the Prometheus HTTP API's instant and range queries for the built-in queries,
 * read by the same client the worker and the board use, so a chart opened mid-stage has the stage's
 * data without a Prometheus installed.
 */
class SandboxPrometheusApiTest {
  static final String REQUESTS =
      "sum(rate(http_server_requests_seconds_count{service=\"cart\",region=\"us-east\"}[2s]))";

  @Test
  void rangeAndInstantQueriesAnswerFromTheSandboxTraffic() throws Exception {
    try (Sandbox sandbox =
        Sandbox.start(0, FaultProfile.HEALTHY, new PrintStream(new ByteArrayOutputStream()))) {
      PrometheusClient client = new PrometheusClient(PrometheusConfig.at(sandbox.url()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      PromResult range;
      do {
        Instant now = Instant.now();
        range = client.queryRange(REQUESTS, now.minusSeconds(8), now, Duration.ofSeconds(1));
      } while ((range.series().isEmpty() || range.series().get(0).points().size() < 4)
          && System.nanoTime() < deadline
          && pause());
      assertEquals("matrix", range.resultType());
      assertEquals(1, range.series().size(), range.toString());
      var points = range.series().get(0).points();
      assertTrue(points.size() >= 4, "a point a second once traffic runs: " + points);
      points.forEach(p -> assertTrue(p.value() > 0, "requests every second: " + points));
      for (int i = 1; i < points.size(); i++) {
        assertTrue(points.get(i).time() > points.get(i - 1).time(), "in time order: " + points);
      }
      PromResult now = client.query(REQUESTS, Instant.now());
      assertEquals("vector", now.resultType());
      assertFalse(now.series().isEmpty(), now.toString());
      var refused =
          assertThrows(
              RuntimeException.class,
              () ->
                  client.queryRange(
                      "up", Instant.now().minusSeconds(5), Instant.now(), Duration.ofSeconds(1)));
      assertTrue(refused.getMessage().contains("install prometheus"), refused.getMessage());
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(500);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
