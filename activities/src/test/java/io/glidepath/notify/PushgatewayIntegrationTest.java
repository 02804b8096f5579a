package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.glidepath.analysis.prometheus.PromResult;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.testing.LocalProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Pushes release state to a real Pushgateway scraped every second by a real Prometheus (Debian's
 * packages), reads the series back through PromQL, and sees the groups deleted at the close.
 */
class PushgatewayIntegrationTest {

  @Test
  void pushedStateIsQueryableAndTheCloseDeletesIt() throws Exception {
    Path dir = Files.createTempDirectory("glidepath-pushgateway");
    try (LocalProcess gateway = LocalProcess.start("prometheus-pushgateway", "/-/ready", dir)) {
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          "global: {scrape_interval: 1s}\nscrape_configs:\n"
              + "- {job_name: pushgateway, honor_labels: true, static_configs: [{targets: ['"
              + gateway.baseUrl.substring("http://".length())
              + "']}]}\n");
      try (LocalProcess prometheus = LocalProcess.prometheus(dir, config)) {
        PushgatewayPublisher publisher =
            new PushgatewayPublisher(gateway.baseUrl, Duration.ofSeconds(5));
        publisher.send(SlackNotifierTest.event(EventType.STAGE_PASSED, "stage 2 passed"));

        PrometheusClient promql = new PrometheusClient(PrometheusConfig.at(prometheus.baseUrl));
        PromResult weight =
            await(
                promql,
                "glidepath_release_weight_percent{job=\"glidepath\",service=\"checkout\",region=\"eu-west\"}");
        assertEquals(25.0, weight.series().get(0).last());
        assertEquals("2.4.0", weight.series().get(0).labels().get("version"));
        PromResult p95 =
            await(
                promql,
                "glidepath_release_check_value{service=\"checkout\",region=\"eu-west\",query=\"p95-latency\"}");
        assertEquals(0.52, p95.series().get(0).last());

        publisher.send(SlackNotifierTest.event(EventType.RELEASE_COMPLETED, "done"));
        String groups =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl + "/api/v1/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(
            !groups.contains("\"service\":\"checkout\""),
            "the release's groups are gone: " + groups);
      }
    }
  }

  private static PromResult await(PrometheusClient promql, String query)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      PromResult r = promql.query(query, Instant.now());
      if (!r.series().isEmpty()) {
        return r;
      }
      Thread.sleep(300);
    }
    fail("Prometheus never scraped " + query + " from the Pushgateway");
    return null;
  }
}
