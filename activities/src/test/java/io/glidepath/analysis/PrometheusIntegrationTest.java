package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.glidepath.analysis.prometheus.AnalysisActivitiesImpl;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.model.Defaults;
import io.glidepath.model.QuerySpec;
import io.glidepath.testing.LocalProcess;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis against a real Prometheus (Debian's {@code prometheus} package) scraping, every
 * second, HTTP targets this test serves: a stable version and four canaries with Micrometer's
 * request counters and latency histograms. Fails under {@code CI=true} when Prometheus cannot be
 * started; elsewhere it is skipped with the reason.
 */
class PrometheusIntegrationTest {
  /** A target's traffic: requests per second, error share, and the share slower than 500 ms. */
  record Traffic(String region, String version, double rps, double errors, double slow) {}

  static final List<Traffic> TARGETS =
      List.of(
          new Traffic("eu-healthy", "2.3.0", 40, 0.001, 0.0),
          new Traffic("eu-healthy", "2.4.0", 20, 0.001, 0.0),
          new Traffic("eu-errors", "2.4.0", 20, 0.08, 0.0),
          new Traffic("eu-slow", "2.4.0", 20, 0.001, 0.5),
          new Traffic("eu-idle", "2.4.0", 0, 0, 0));

  static final double MIN_RATE = 1;
  static LocalProcess prometheus;
  static HttpServer targets;
  static Path dir;
  static PrometheusClient client;
  static final long T0 = System.currentTimeMillis();

  @BeforeAll
  static void startPrometheus() throws Exception {
    targets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    targets.createContext(
        "/metrics",
        exchange -> {
          byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    targets.start();
    dir = Files.createTempDirectory("glidepath-prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
            + "scrape_configs:\n"
            + "- {job_name: apps, honor_labels: true, static_configs: [{targets: ['127.0.0.1:"
            + targets.getAddress().getPort()
            + "']}]}\n");
    prometheus = LocalProcess.prometheus(dir, config);
    client = new PrometheusClient(PrometheusConfig.at(prometheus.baseUrl));
    awaitSteadyRates();
  }

  /**
   * Waits until Prometheus sees every busy target at twice the checks' minimum request rate: rate()
   * over a series younger than its window reads low (ratios such as the error rate and p95 are not
   * affected), and a busy canary must not look idle.
   */
  static void awaitSteadyRates() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    String query = "sum by (region, version) (rate(http_server_requests_seconds_count[1m]))";
    while (System.currentTimeMillis() < deadline) {
      var result = client.query(query, Instant.now());
      long steady =
          TARGETS.stream()
              .filter(t -> t.rps() > 0)
              .filter(
                  t ->
                      result.series().stream()
                          .anyMatch(
                              s ->
                                  t.region().equals(s.labels().get("region"))
                                      && t.version().equals(s.labels().get("version"))
                                      && s.last() >= 2 * MIN_RATE))
              .count();
      if (steady == TARGETS.stream().filter(t -> t.rps() > 0).count()) {
        return;
      }
      Thread.sleep(500);
    }
    fail("Prometheus never saw the targets' request rates within 60 s");
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (targets != null) {
      targets.stop(0);
    }
  }

  /** Counters grow with time at each target's rate; histograms put requests in 50 ms or 800 ms. */
  static String exposition() {
    double seconds = (System.currentTimeMillis() - T0) / 1000.0;
    StringBuilder out = new StringBuilder();
    for (Traffic t : TARGETS) {
      String labels =
          "service=\"checkout\",region=\"" + t.region() + "\",version=\"" + t.version() + "\"";
      double total = t.rps() * seconds;
      line(
          out,
          "http_server_requests_seconds_count{" + labels + ",status=\"200\"}",
          total * (1 - t.errors()));
      line(
          out,
          "http_server_requests_seconds_count{" + labels + ",status=\"500\"}",
          total * t.errors());
      double fast = total * (1 - t.slow());
      for (String le : List.of("0.1", "0.25", "0.5")) {
        line(out, "http_server_requests_seconds_bucket{" + labels + ",le=\"" + le + "\"}", fast);
      }
      line(out, "http_server_requests_seconds_bucket{" + labels + ",le=\"1.0\"}", total);
      line(out, "http_server_requests_seconds_bucket{" + labels + ",le=\"+Inf\"}", total);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String series, double value) {
    out.append(series).append(' ').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
  }

  private static ObservationRequest request(String region, int failureLimit, double minRate) {
    List<QueryCheck> checks = new ArrayList<>();
    for (QuerySpec q : Defaults.QUERIES) {
      if (q.name().equals(Defaults.ERROR_RATE)) {
        checks.add(new QueryCheck(q.name(), q.query(), q.unit(), q.failWhen(), 0.01, failureLimit));
      } else if (q.name().equals(Defaults.P95_LATENCY)) {
        checks.add(new QueryCheck(q.name(), q.query(), q.unit(), q.failWhen(), 0.5, failureLimit));
      }
    }
    return new ObservationRequest(
        "release-checkout-" + region,
        "checkout",
        region,
        "2.4.0",
        "2.3.0",
        Duration.ofSeconds(20),
        Duration.ofSeconds(1),
        checks,
        3,
        3,
        minRate,
        Defaults.QUERIES.stream()
            .filter(q -> q.name().equals(Defaults.REQUEST_RATE))
            .findFirst()
            .orElseThrow()
            .query());
  }

  private static CheckResult checkNow(String region) {
    return new PrometheusChecks(client).check(request(region, 2, MIN_RATE), Instant.now());
  }

  @Test
  void aHealthyCanaryPasses() {
    CheckResult r = checkNow("eu-healthy");
    assertEquals(Verdict.PASS, r.verdict(), r.toString());
    double errorRate = r.verdicts().get(0).value();
    assertTrue(errorRate > 0 && errorRate < 0.01, "measured error rate " + errorRate);
  }

  @Test
  void aCanaryWithRaisedErrorsFailsWithinTheConsecutiveLimit() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(
          new AnalysisActivitiesImpl(new PrometheusChecks(client), Clock.systemUTC()));
      AnalysisActivities analysis =
          env.newActivityStub(
              AnalysisActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofSeconds(10))
                  .build());
      WindowSummary s = analysis.observe(request("eu-errors", 2, MIN_RATE));
      assertEquals(Verdict.FAIL, s.verdict(), s.toString());
      assertEquals(
          2, s.checks(), "ends at the second consecutive failure, not at the window's end: " + s);
      assertTrue(
          s.reason().matches("error-rate (7\\.9\\d|8(\\.0\\d)?)% > 1%, 2 consecutive checks"),
          s.reason());
    } finally {
      env.close();
    }
  }

  @Test
  void aCanaryWithRaisedLatencyFailsOnP95() {
    CheckResult r = checkNow("eu-slow");
    QueryVerdict p95 = r.verdicts().get(1);
    assertEquals("p95-latency", p95.name());
    assertEquals(Verdict.FAIL, p95.verdict(), p95.toString());
    assertTrue(p95.value() > 0.5, "p95 " + p95.value());
    assertEquals(Verdict.PASS, r.verdicts().get(0).verdict(), "its error rate is fine");
  }

  @Test
  void aCanaryWithoutTrafficIsInconclusive() {
    CheckResult r = checkNow("eu-idle");
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.toString());
    assertTrue(
        r.verdicts().get(0).detail().startsWith("too little traffic: 0 req/s < 1"), r.toString());
  }
}
