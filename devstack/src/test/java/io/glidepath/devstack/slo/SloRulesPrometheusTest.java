package io.glidepath.devstack.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.devstack.bench.BackfilledPrometheus;
import io.glidepath.devstack.servers.DevServer;
import io.glidepath.devstack.servers.LocalPrometheus;
import io.glidepath.model.SloSpec;
import io.glidepath.model.SloSpec.BurnAlert;
import io.glidepath.model.SloSpec.Kind;
import io.glidepath.model.SloSpec.Objective;
import io.glidepath.slo.PrometheusRules;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated rules in a real Prometheus (Debian's {@code prometheus} package): {@code promtool
 * check rules} accepts the file; 26 hours of two regions' traffic are backfilled with {@code
 * promtool tsdb create-blocks-from openmetrics}, ending now; Prometheus loads the rule file and
 * evaluates it every second; every recorded error ratio, burn rate and remaining budget is compared
 * with the value computed here by hand from the same counters (the increase between the first and
 * the last scrape inside the window, as {@code rate()} sees it), and the fast-burn alert fires for
 * the region that burns and not for the other. Fails under {@code CI=true} without the binaries.
 */
class SloRulesPrometheusTest {
  static final String SERVICE = "checkout";
  static final int MINUTES = 26 * 60;
  static final int BURNING = 20; // us-east's last minutes fail a sixth of its requests
  static final ObjectMapper JSON = new ObjectMapper();

  static final SloSpec SLO =
      new SloSpec(
          Duration.ofDays(1),
          0.25,
          List.of(
              new Objective("availability", Kind.AVAILABILITY, 99.9, null, null, null),
              new Objective("latency", Kind.LATENCY, 95.0, Duration.ofMillis(100), null, null)),
          List.of(
              new BurnAlert(
                  Duration.ofHours(1), Duration.ofMinutes(5), 14.4, SloSpec.Severity.PAGE),
              new BurnAlert(
                  Duration.ofHours(6), Duration.ofMinutes(30), 6, SloSpec.Severity.PAGE)));

  /** One status of one region: requests per minute, and the share answered within 100 ms. */
  record Stream(String region, String status, double[] perMinute, double[] fast) {}

  static List<Stream> streams;
  static long endSeconds; // the last scrape
  static Path dir;
  static LocalPrometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    String missing = BackfilledPrometheus.missingBinaries();
    if (missing != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + " (CI must have it)");
    }
    Assumptions.assumeTrue(missing == null, missing);
    streams =
        List.of(
            stream("us-east", "200", m -> 1000, m -> m >= MINUTES - BURNING ? 0.5 : 0.97),
            stream("us-east", "404", m -> 20, m -> 0.97),
            stream("us-east", "400", m -> 30, m -> 0.97), // neither good nor bad
            stream("us-east", "500", m -> m >= MINUTES - BURNING ? 200 : 0.2, m -> 0.97),
            stream("eu-west", "200", m -> 500, m -> 0.99),
            stream("eu-west", "500", m -> 0.05, m -> 0.99));
    dir = Files.createTempDirectory("glidepath-slo-prometheus");
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, PrometheusRules.yaml(SERVICE, SLO));
    String check = run(List.of("promtool", "check", "rules", rules.toString()));
    assertTrue(check.contains("SUCCESS: 34 rules found") || check.contains("SUCCESS"), check);
    // The last scrape a few seconds ago, half a second off the second so that no window's
    // edge ever falls on a scrape.
    endSeconds = System.currentTimeMillis() / 1000 - 5;
    Path om = dir.resolve("series.om.txt");
    try (Writer out = Files.newBufferedWriter(om, StandardCharsets.UTF_8)) {
      write(out);
    }
    run(
        List.of(
            "promtool",
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            om.toString(),
            dir.resolve("data").toString()));
    prometheus =
        LocalPrometheus.start(
            DevServer.onPath("prometheus"),
            dir,
            "global: {evaluation_interval: 1s}\nrule_files: [" + rules + "]\n",
            List.of("--storage.tsdb.retention.time=100y", "--log.level=warn"));
    if (prometheus == null) {
      fail("prometheus did not get ready: " + Files.readString(dir.resolve("prometheus.log")));
    }
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  interface PerMinute {
    double at(int minute);
  }

  static Stream stream(String region, String status, PerMinute rate, PerMinute fast) {
    double[] r = new double[MINUTES];
    double[] f = new double[MINUTES];
    for (int m = 0; m < MINUTES; m++) {
      r[m] = rate.at(m);
      f[m] = fast.at(m);
    }
    return new Stream(region, status, r, f);
  }

  /** The scrape after minute {@code m}, in milliseconds: half a second past the second. */
  static long scrapeMillis(int m) {
    return (endSeconds - (long) (MINUTES - 1 - m) * 60) * 1000 + 500;
  }

  /**
   * A counter's value at the scrape after minute {@code m}: a large start, so rate() never
   * extrapolates to zero.
   */
  static double count(Stream s, int m, boolean fastOnly) {
    double v = 1_000_000;
    for (int i = 0; i <= m; i++) {
      v += s.perMinute()[i] * (fastOnly ? s.fast()[i] : 1);
    }
    return v;
  }

  static void write(Writer out) throws IOException {
    out.write("# TYPE http_server_requests_seconds histogram\n");
    for (Stream s : streams) {
      String labels =
          "service=\"" + SERVICE + "\",region=\"" + s.region() + "\",status=\"" + s.status() + "\"";
      double fast = 1_000_000;
      double all = 1_000_000;
      StringBuilder b = new StringBuilder();
      for (int m = 0; m < MINUTES; m++) {
        fast += s.perMinute()[m] * s.fast()[m];
        all += s.perMinute()[m];
        String ts = String.format(java.util.Locale.ROOT, "%.3f", scrapeMillis(m) / 1000.0);
        b.append("http_server_requests_seconds_bucket{")
            .append(labels)
            .append(",le=\"0.1\"} ")
            .append(fast)
            .append(' ')
            .append(ts)
            .append('\n');
        b.append("http_server_requests_seconds_bucket{")
            .append(labels)
            .append(",le=\"+Inf\"} ")
            .append(all)
            .append(' ')
            .append(ts)
            .append('\n');
        b.append("http_server_requests_seconds_count{")
            .append(labels)
            .append("} ")
            .append(all)
            .append(' ')
            .append(ts)
            .append('\n');
      }
      out.write(b.toString());
    }
    out.write("# EOF\n");
  }

  /**
   * The error ratio by hand: over the scrapes inside {@code [at - window, at]}, the failed
   * requests' increase over all counted requests' increase (rate() extrapolates both alike).
   */
  static double expectedRatio(String region, String slo, Duration window, long atMillis) {
    int first = -1;
    int last = -1;
    for (int m = 0; m < MINUTES; m++) {
      long t = scrapeMillis(m);
      if (t >= atMillis - window.toMillis() && t <= atMillis) {
        first = first < 0 ? m : first;
        last = m;
      }
    }
    double bad = 0;
    double total = 0;
    for (Stream s : streams) {
      if (!s.region().equals(region)) {
        continue;
      }
      double all = count(s, last, false) - count(s, first, false);
      if (slo.equals("latency")) {
        total += all;
        bad += all - (count(s, last, true) - count(s, first, true));
      } else if (!s.status().equals("400")) {
        total += all;
        bad += s.status().startsWith("5") ? all : 0;
      }
    }
    return bad / total;
  }

  @Test
  void theRecordedRatiosBurnRatesAndBudgetsAreTheHandComputedOnes() throws Exception {
    // Rules evaluate each second: wait (with a deadline) for the remaining budget of both
    // objectives in both regions.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (result(PrometheusRules.BUDGET_REMAINING + "[10s]").size() < 4) {
      assertTrue(System.nanoTime() < deadline, "no budget recorded within 60s");
      TimeUnit.MILLISECONDS.sleep(200);
    }
    int compared = 0;
    for (String slo : List.of("availability", "latency")) {
      double budget = slo.equals("availability") ? 0.001 : 0.05;
      for (Duration w : PrometheusRules.windows(SLO)) {
        String suffix = PrometheusRules.window(w);
        Map<String, double[]> ratios = query(PrometheusRules.ERROR_RATIO + suffix + sel(slo));
        Map<String, double[]> burns = query(PrometheusRules.BURN_RATE + suffix + sel(slo));
        assertEquals(2, ratios.size(), slo + " " + suffix + ": " + ratios.keySet());
        for (var e : ratios.entrySet()) {
          double[] got = e.getValue();
          double want = expectedRatio(e.getKey(), slo, w, (long) got[0]);
          assertEquals(want, got[1], 1e-9 + want * 1e-9, slo + " " + e.getKey() + " " + suffix);
          double[] burn = burns.get(e.getKey());
          // The burn rate may come from a later evaluation than the ratio just read.
          double wantBurn = expectedRatio(e.getKey(), slo, w, (long) burn[0]) / budget;
          assertEquals(wantBurn, burn[1], 1e-9 + wantBurn * 1e-9, "burn " + slo + " " + suffix);
          compared += 2;
        }
      }
      Map<String, double[]> left = query(PrometheusRules.BUDGET_REMAINING + sel(slo));
      for (var e : left.entrySet()) {
        double want =
            1 - expectedRatio(e.getKey(), slo, SLO.period(), (long) e.getValue()[0]) / budget;
        assertEquals(
            want,
            e.getValue()[1],
            1e-9 + Math.abs(want) * 1e-9,
            "budget " + slo + " " + e.getKey());
        compared++;
      }
    }
    assertEquals(2 * 2 * PrometheusRules.windows(SLO).size() * 2 + 4, compared);
    // Figures a person can check: us-east failed 20 minutes at 200 of 1220 requests a minute.
    Map<String, double[]> fast = query(PrometheusRules.BURN_RATE + "5m" + sel("availability"));
    assertEquals(200.0 / 1220 / 0.001, fast.get("us-east")[1], 1e-6);
    assertEquals(0.05 / 500.05 / 0.001, fast.get("eu-west")[1], 1e-6);
    Map<String, double[]> left = query(PrometheusRules.BUDGET_REMAINING + sel("availability"));
    assertTrue(left.get("us-east")[1] < 0, "us-east overspent its day: " + left.get("us-east")[1]);
    assertTrue(left.get("eu-west")[1] > 0.85, "eu-west spent a tenth: " + left.get("eu-west")[1]);
  }

  @Test
  void theFastBurnPagesForTheBurningRegionOnly() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String firing =
        "ALERTS{alertname=\""
            + PrometheusRules.ALERT
            + "\",alertstate=\"firing\",slo=\"availability\",long_window=\"1h\"}";
    Map<String, double[]> alerts = query(firing);
    while (alerts.isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "no fast-burn alert within 60s");
      TimeUnit.MILLISECONDS.sleep(200);
      alerts = query(firing);
    }
    assertEquals(List.of("us-east"), List.copyOf(alerts.keySet()));
    // eu-west never burns: not even the slow pair pages.
    assertTrue(
        query("ALERTS{alertname=\"" + PrometheusRules.ALERT + "\",region=\"eu-west\"}").isEmpty());
  }

  @Test
  void theDevStacksRulesPassPromtool() throws Exception {
    Path rules = dir.resolve("sandbox-rules.yml");
    Files.writeString(rules, io.glidepath.devstack.SandboxRulesAccess.rules());
    String out = run(List.of("promtool", "check", "rules", rules.toString()));
    // Two services, two objectives, 17 rules each (6 windows x ratio and burn rate, budget,
    // objective, 3 alerts).
    assertTrue(out.contains("SUCCESS: 68 rules found"), out);
  }

  private static String sel(String slo) {
    return "{service=\"" + SERVICE + "\",slo=\"" + slo + "\"}";
  }

  /**
   * Region to [timestamp millis, value] of the last sample of each series {@code selector} names:
   * read as a range, so the timestamp is the rule evaluation's, not the query's.
   */
  static Map<String, double[]> query(String selector) throws IOException, InterruptedException {
    Map<String, double[]> out = new HashMap<>();
    for (JsonNode s : result(selector + "[10s]")) {
      JsonNode values = s.path("values");
      JsonNode v = values.get(values.size() - 1);
      out.put(
          s.path("metric").path("region").asText(),
          new double[] {
            Math.round(v.get(0).asDouble() * 1000), Double.parseDouble(v.get(1).asText())
          });
    }
    return out;
  }

  static JsonNode result(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            prometheus.url()
                                + "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("success", body.path("status").asText(), r.body());
    return body.path("data").path("result");
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    return out;
  }
}
