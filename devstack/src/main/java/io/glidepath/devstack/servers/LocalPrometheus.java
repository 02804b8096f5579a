package io.glidepath.devstack.servers;

import io.glidepath.testing.Ports;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Prometheus for the sandbox, when a {@code prometheus} binary is on the PATH: it scrapes
 * the sandbox's {@code /metrics} every second into a throw-away directory; {@code bench --judge
 * --prometheus} starts one on backfilled data.
 */
public final class LocalPrometheus implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final String url;

  private LocalPrometheus(Process process, Path dir, String url) {
    this.process = process;
    this.dir = dir;
    this.url = url;
  }

  public String url() {
    return url;
  }

  /** Starts Prometheus scraping {@code 127.0.0.1:metricsPort}; null when it is not installed. */
  public static LocalPrometheus startIfInstalled(int metricsPort, PrintStream log)
      throws IOException {
    return startIfInstalled(metricsPort, log, null);
  }

  /**
   * Starts Prometheus scraping {@code 127.0.0.1:metricsPort} and evaluating {@code rules} (a rule
   * file's YAML, or null for none) every second; null when it is not installed.
   */
  public static LocalPrometheus startIfInstalled(int metricsPort, PrintStream log, String rules)
      throws IOException {
    File binary = DevServer.onPath("prometheus");
    if (binary == null) {
      return null;
    }
    Path dir = Files.createTempDirectory("glidepath-sandbox-prometheus");
    String ruleFiles = "";
    if (rules != null) {
      Path file = dir.resolve("rules.yml");
      Files.writeString(file, rules);
      ruleFiles = "rule_files: ['" + file + "']\n";
    }
    LocalPrometheus p =
        start(
            binary,
            dir,
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
                + ruleFiles
                + "scrape_configs:\n"
                + "  - job_name: sandbox\n"
                + "    static_configs: [{targets: ['127.0.0.1:"
                + metricsPort
                + "']}]\n",
            java.util.List.of());
    if (p == null) {
      log.println(
          "prometheus did not get ready (log: "
              + dir.resolve("prometheus.log")
              + "); using the sandbox metric provider");
    } else if (!p.awaitScrapes("sandbox", 2, Duration.ofSeconds(30))) {
      log.println(
          "prometheus did not scrape the sandbox within 30 s (log: "
              + dir.resolve("prometheus.log")
              + "); the first checks may read no data");
    }
    return p;
  }

  /**
   * Waits until {@code job} was scraped {@code samples} times. Ready is not enough: Prometheus
   * hands its targets to the scrapers seconds after it starts (its discovery sends updates every 5
   * s), and a release started meanwhile would judge its first window on no data at all; with two
   * samples a rate has its first value.
   */
  boolean awaitScrapes(String job, int samples, Duration limit) {
    String query =
        java.net.URLEncoder.encode(
            "count_over_time(up{job=\"" + job + "\"}[1m]) >= " + samples,
            java.nio.charset.StandardCharsets.UTF_8);
    return await(limit, "/api/v1/query?query=" + query, r -> r.body().contains("\"value\""));
  }

  /**
   * Starts {@code binary} on a free loopback port with {@code config}, its TSDB in {@code dir/data}
   * and its log in {@code dir/prometheus.log}; null when it does not get ready within 20 s. Closing
   * it stops it and deletes {@code dir}.
   */
  public static LocalPrometheus start(
      File binary, Path dir, String config, java.util.List<String> extraArgs) throws IOException {
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Path logFile = dir.resolve("prometheus.log");
    for (int attempt = 1; attempt <= 8; attempt++) {
      int port = Ports.free();
      java.util.List<String> command =
          new java.util.ArrayList<>(
              java.util.List.of(
                  binary.getPath(),
                  "--config.file=" + configFile,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port));
      command.addAll(extraArgs);
      Process process =
          Children.tied(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      LocalPrometheus p = new LocalPrometheus(process, dir, "http://127.0.0.1:" + port);
      if (p.awaitReady(Duration.ofSeconds(20))) {
        return p;
      }
      process.destroyForcibly();
      // Another server took the port between its choice and Prometheus's bind: a fresh one.
      if (!Files.readString(logFile).contains("address already in use")) {
        return null;
      }
    }
    return null;
  }

  private boolean awaitReady(Duration limit) {
    return await(limit, "/-/ready", r -> r.statusCode() == 200);
  }

  /** Asks {@code path} every 100 ms until {@code done} says so, within {@code limit}. */
  private boolean await(
      Duration limit, String path, java.util.function.Predicate<HttpResponse<String>> done) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (done.test(
            http.send(
                HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.ofString()))) {
          return true;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind
    }
  }
}
