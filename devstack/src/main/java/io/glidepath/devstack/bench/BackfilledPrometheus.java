package io.glidepath.devstack.bench;

import io.glidepath.analysis.MetricSource;
import io.glidepath.analysis.eval.Evaluation;
import io.glidepath.analysis.eval.OpenMetrics;
import io.glidepath.analysis.eval.Scenario;
import io.glidepath.analysis.eval.Traffic;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.devstack.servers.DevServer;
import io.glidepath.devstack.servers.LocalPrometheus;
import io.glidepath.http.Retrofits;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus holding a corpus: every run written as OpenMetrics ({@link OpenMetrics}),
 * backfilled with {@code promtool tsdb create-blocks-from openmetrics} into a fresh TSDB, served by
 * a {@code prometheus} with no scrape targets. Each window is then judged through {@link
 * PrometheusChecks#source}: the built-in PromQL evaluated by Prometheus's HTTP API at the window's
 * historical end ({@code /api/v1/query?time=}).
 */
public final class BackfilledPrometheus implements AutoCloseable, Evaluation.Sources {
  /** Every run starts here: inside one 2-hour TSDB block (2023-11-14T22:10Z). */
  public static final long START_MILLIS = 1_699_999_200_000L + 600_000L;

  private final LocalPrometheus prometheus;
  private final PrometheusClient client;
  private final String describe;

  private BackfilledPrometheus(LocalPrometheus prometheus, String describe) {
    this.prometheus = prometheus;
    this.client =
        new PrometheusClient(
            new PrometheusConfig(prometheus.url(), Duration.ofSeconds(30), null, null, null, null));
    this.describe = describe;
  }

  /** Why a real Prometheus cannot be had here, or null when prometheus and promtool are there. */
  public static String missingBinaries() {
    for (String binary : List.of("prometheus", "promtool")) {
      if (DevServer.onPath(binary) == null) {
        return "no " + binary + " on the PATH: install Debian's prometheus package";
      }
    }
    return null;
  }

  /** Writes, backfills and serves {@code seeds} runs of each of {@code scenarios}. */
  public static BackfilledPrometheus load(List<Scenario> scenarios, int seeds)
      throws IOException, InterruptedException {
    String missing = missingBinaries();
    if (missing != null) {
      throw new IllegalStateException(missing);
    }
    Path dir = Files.createTempDirectory("glidepath-judge-prometheus");
    List<OpenMetrics.Run> runs = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      for (int seed = 1; seed <= seeds; seed++) {
        runs.add(
            new OpenMetrics.Run(
                Evaluation.region(i, seed),
                Traffic.generate(scenarios.get(i), seed),
                START_MILLIS));
      }
    }
    Path file = dir.resolve("corpus.om.txt");
    long samples;
    try {
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        OpenMetrics.write(runs, Evaluation.SERVICE, out);
      }
      samples = lines(file);
      backfill(file, dir);
    } finally {
      Files.deleteIfExists(file); // hundreds of MB for the full corpus
    }
    LocalPrometheus prometheus =
        LocalPrometheus.start(
            DevServer.onPath("prometheus"),
            dir,
            "global: {scrape_interval: 15s}\n", // no scrape targets: the TSDB holds everything
            List.of("--storage.tsdb.retention.time=100y", "--log.level=warn"));
    if (prometheus == null) {
      throw new IllegalStateException(
          "prometheus did not get ready on the backfilled TSDB; its log: "
              + Files.readString(dir.resolve("prometheus.log")));
    }
    try {
      return new BackfilledPrometheus(
          prometheus,
          "real Prometheus "
              + version(prometheus.url())
              + ": "
              + runs.size()
              + " runs, "
              + samples
              + " OpenMetrics lines scraped every "
              + OpenMetrics.SCRAPE_SECONDS
              + " s, backfilled with promtool, judged at each window's end via"
              + " /api/v1/query?time=");
    } catch (IOException | InterruptedException | RuntimeException e) {
      prometheus.close();
      throw e;
    }
  }

  /** The server's version, from its build information. */
  private static String version(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/status/buildinfo")).build(),
                HttpResponse.BodyHandlers.ofString());
    return Retrofits.JSON.readTree(r.body()).path("data").path("version").asText("(unknown)");
  }

  private static long lines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }

  private static void backfill(Path file, Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("promtool.log");
    Process p =
        new ProcessBuilder(
                DevServer.onPath("promtool").getPath(),
                "tsdb",
                "create-blocks-from",
                "openmetrics",
                file.toString(),
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("promtool did not finish the backfill within 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "promtool tsdb create-blocks-from openmetrics failed: " + Files.readString(log));
    }
  }

  /**
   * Prometheus as the run's source. Answers are kept per run, so the judges that ask the same query
   * at the same instant (the threshold judge with either failure limit) ask Prometheus once.
   */
  @Override
  public MetricSource source(
      Scenario scenario, int seed, Traffic.Window[] windows, long startMillis) {
    MetricSource prometheusSource = PrometheusChecks.source(client);
    Map<String, MetricSource.Result> answers = new HashMap<>();
    return (promql, at) -> {
      String key = at.toEpochMilli() + " " + promql;
      MetricSource.Result r = answers.get(key);
      if (r == null) {
        r = prometheusSource.query(promql, at);
        answers.put(key, r);
      }
      return r;
    };
  }

  @Override
  public String describe() {
    return describe;
  }

  /** For the start-of-run function of {@link Evaluation#run}: every run starts at the same time. */
  public static long start(int run) {
    return START_MILLIS;
  }

  @Override
  public void close() {
    prometheus.close();
  }
}
