package io.glidepath.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Which Prometheus {@code analyze} asks, and the reason it gives. */
class PrometheusSourceTest {
  @StartStop public final MockWebServer sandbox = new MockWebServer();

  String sandboxUrl() {
    String url = sandbox.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  @Test
  void theOptionThenTheEnvironmentWin() {
    assertEquals(
        new PrometheusSource("http://p:1", "--prometheus-url"),
        PrometheusSource.resolve("http://p:1", Map.of("GLIDEPATH_PROMETHEUS_URL", "http://e:2")));
    assertEquals(
        new PrometheusSource("http://e:2", "GLIDEPATH_PROMETHEUS_URL"),
        PrometheusSource.resolve(null, Map.of("GLIDEPATH_PROMETHEUS_URL", "http://e:2")));
  }

  @Test
  void whileTheDevStackRunsItsSandboxNamesThePrometheusItsWorkerReads() {
    sandbox.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"url\":\"x\",\"clusters\":{},\"prometheusUrl\":\"http://127.0.0.1:41234\","
                    + "\"realPrometheus\":true}")
            .build());
    PrometheusSource s =
        PrometheusSource.resolve(null, Map.of("GLIDEPATH_SANDBOX_URL", sandboxUrl()));
    assertEquals("http://127.0.0.1:41234", s.url());
    assertEquals("the dev stack's Prometheus, named by its sandbox at " + sandboxUrl(), s.why());
  }

  @Test
  void withoutADevStackTheDefault() {
    PrometheusSource s =
        PrometheusSource.resolve(null, Map.of("GLIDEPATH_SANDBOX_URL", "http://127.0.0.1:1"));
    assertEquals(PrometheusSource.DEFAULT_URL, s.url());
  }
}
