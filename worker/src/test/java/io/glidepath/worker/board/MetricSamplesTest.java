package io.glidepath.worker.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The chart's values: asked of Prometheus while a window runs, stable beside new when compared. */
class MetricSamplesTest {
  static final String NEW_Q = "p95{service=\"cart\",version=\"1.1.0\"}";
  static final String STABLE_Q = "p95{service=\"cart\",version=\"1.0.0\"}";

  @Test
  void aComparedCheckIsSampledForBothVersionsOverTheWindow() throws Exception {
    HttpServer prom = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prom.createContext(
        "/api/v1/query",
        x -> {
          String q = URLDecoder.decode(x.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
          String value = q.contains("1.0.0") ? "0.2" : "0.3";
          byte[] body =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                      + "\"value\":[1,\""
                      + value
                      + "\"]}]}}")
                  .getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().set("Content-Type", "application/json");
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    prom.start();
    try {
      AtomicLong now = new AtomicLong(1_000_000);
      PrometheusClient client =
          new PrometheusClient(
              new PrometheusConfig(
                  "http://127.0.0.1:" + prom.getAddress().getPort(),
                  Duration.ofSeconds(5),
                  null,
                  null,
                  null,
                  null));
      MetricSamples samples = new MetricSamples(client, now::get);
      QueryVerdict q =
          new QueryVerdict(
              "p95",
              Verdict.PASS,
              0.3,
              0.4,
              FailWhen.ABOVE,
              MetricUnit.SECONDS,
              NEW_Q,
              "limit max(100 ms, 2x stable 200 ms)");
      RegionStatus r =
          new RegionStatus(
              "us-east",
              RegionPhase.OBSERVING,
              2,
              3,
              50,
              false,
              new WindowSummary(Verdict.PASS, 1, 1, 0, 0, 0, List.of(q), "ok"),
              null,
              null,
              List.of(
                  new Decision(
                      1,
                      "glidepath",
                      "new version deployed",
                      "ghcr.io/a/cart:1.1.0 beside 1.0.0",
                      DecisionKind.DEPLOYED)),
              999_000,
              1_010_000);
      ReleaseStatus s =
          new ReleaseStatus(
              "release-cart",
              "cart",
              "1.1.0",
              "alice",
              ReleasePhase.ROLLING_OUT,
              false,
              List.of(r),
              List.of(),
              List.of());
      samples.observe("release-cart", s);
      now.addAndGet(500);
      samples.observe("release-cart", s); // under a second later: not asked again
      now.addAndGet(600);
      samples.observe("release-cart", s);
      assertEquals(2, samples.since("release-cart", "us-east", "p95", 0).size());
      List<MetricSamples.Sample> stable =
          samples.since("release-cart", "us-east", MetricSamples.stableSeries("p95"), 0);
      assertEquals(2, stable.size());
      assertEquals(0.2, stable.get(0).value());

      String svg =
          Chart.render(
              "c",
              q,
              samples.since("release-cart", "us-east", "p95", 0),
              stable,
              999_000,
              1_010_000);
      assertTrue(svg.contains("class=\"stable\""), svg);
      assertTrue(
          svg.contains(">stable version</text>") && svg.contains(">new version</text>"), svg);
      assertTrue(
          svg.contains("stable version now 200 ms (dotted line), new version 300 ms (solid line)"),
          svg);
    } finally {
      prom.stop(0);
    }
  }

  @Test
  void aWindowOpenedMidWayIsFilledInFromARangeQuery() throws Exception {
    HttpServer prom = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prom.createContext(
        "/api/v1/",
        x -> {
          boolean range = x.getRequestURI().getPath().endsWith("query_range");
          String data =
              range
                  ? "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":"
                      + "[[1000,\"0.1\"],[1010,\"0.2\"],[1020,\"0.25\"],[1030,\"9\"]]}]}"
                  : "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1030,\"0.3\"]}]}";
          byte[] body =
              ("{\"status\":\"success\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().set("Content-Type", "application/json");
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    prom.start();
    try {
      PrometheusClient client =
          new PrometheusClient(
              new PrometheusConfig(
                  "http://127.0.0.1:" + prom.getAddress().getPort(),
                  Duration.ofSeconds(5),
                  null,
                  null,
                  null,
                  null));
      MetricSamples samples = new MetricSamples(client, () -> 1_030_000);
      QueryVerdict q =
          new QueryVerdict(
              "p95", Verdict.PASS, 0.3, 0.4, FailWhen.ABOVE, MetricUnit.SECONDS, NEW_Q, null);
      RegionStatus r =
          new RegionStatus(
              "us-east",
              RegionPhase.OBSERVING,
              1,
              3,
              10,
              false,
              new WindowSummary(Verdict.PASS, 1, 1, 0, 0, 0, List.of(q), "ok"),
              null,
              null,
              List.of(),
              1_000_000,
              1_060_000);
      samples.observe(
          "release-cart",
          new ReleaseStatus(
              "release-cart",
              "cart",
              "1.1.0",
              "alice",
              ReleasePhase.ROLLING_OUT,
              false,
              List.of(r),
              List.of(),
              List.of()));
      assertEquals(
          List.of(
              new MetricSamples.Sample(1_000_000, 0.1),
              new MetricSamples.Sample(1_010_000, 0.2),
              new MetricSamples.Sample(1_020_000, 0.25),
              new MetricSamples.Sample(1_030_000, 0.3)),
          samples.since("release-cart", "us-east", "p95", 0),
          "the window so far from the range query, then the value now");
    } finally {
      prom.stop(0);
    }
  }

  @Test
  void theStableQueryAndVersionAreFoundOrLeftOut() {
    assertEquals(STABLE_Q, MetricSamples.stableQuery(NEW_Q, "1.1.0", "1.0.0"));
    assertNull(MetricSamples.stableQuery("p95{}", "1.1.0", "1.0.0"));
    assertNull(MetricSamples.stableQuery(NEW_Q, "1.1.0", null));
    assertNull(
        MetricSamples.stableVersion(RegionStatus.pending("us-east", 3)),
        "no deployment yet, no stable version");
  }
}
