package io.glidepath.devstack.bench;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.glidepath.analysis.prometheus.AnalysisActivitiesImpl;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Measures how fast a breach puts traffic back on stable, on the embedded Temporal server with a
 * real clock and the real analysis activity reading a Prometheus stand-in over HTTP: a region
 * observes at 10%, its error rate starts breaching at a known instant, and the time until the
 * traffic change to 0% arrives is the reaction time. Also prints the JVM's time to the first poll
 * and its RSS.
 */
public final class Bench {
  private final PrintStream out;
  private final Map<String, Long> breachAt = new ConcurrentHashMap<>();
  private final Map<String, Long> stableAt = new ConcurrentHashMap<>();

  public Bench(PrintStream out) {
    this.out = out;
  }

  public int run(int breaches, Duration interval) throws Exception {
    HttpServer prometheus = fakePrometheus(this::breaching, new AtomicLong());
    String url = "http://127.0.0.1:" + prometheus.getAddress().getPort() + "/";
    SandboxWorld world = new SandboxWorld();
    world.beforeShift =
        change -> {
          if (change.weight() == 0) {
            stableAt.putIfAbsent(change.region().name(), System.nanoTime());
          }
        };
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      io.glidepath.status.SearchAttributes.register(
          env.getWorkflowServiceStubs(), env.getNamespace());
      register(env.newWorker(ReleaseLauncher.TASK_QUEUE), world, url);
      env.start();
      long firstPollMillis = ManagementFactory.getRuntimeMXBean().getUptime();
      ReleaseLauncher launcher = new ReleaseLauncher(env.getWorkflowClient());

      List<Double> reactions = new ArrayList<>();
      for (int i = 1; i <= breaches; i++) {
        String region = "r" + i;
        launcher.start(spec(i, interval), "bench");
        awaitObserving(launcher, "bench" + i, region);
        Thread.sleep(interval.toMillis() + 300); // a few healthy checks first
        breachAt.put(region, System.nanoTime());
        launcher.result("bench" + i);
        reactions.add((stableAt.get(region) - breachAt.get(region)) / 1e9);
      }
      Collections.sort(reactions);
      double median = reactions.get(reactions.size() / 2);
      double worst = reactions.get(reactions.size() - 1);
      out.printf(
          "reaction time, first breaching sample to 100%% on stable, %d breaches:%n", breaches);
      out.printf(
          "  median %.2f s, worst %.2f s, check interval %s, target interval + 1 s = %.1f s: %s%n",
          median,
          worst,
          io.glidepath.model.Quantities.format(interval),
          interval.toMillis() / 1000.0 + 1,
          worst <= interval.toMillis() / 1000.0 + 1 ? "met" : "MISSED");
      out.printf("  all: %s%n", reactions.stream().map(r -> String.format("%.2f", r)).toList());
      out.printf(
          "JVM start to first poll: %d ms (this process, embedded server included)%n",
          firstPollMillis);
      out.printf("RSS: %s%n", rss());
      return worst <= interval.toMillis() / 1000.0 + 1 ? 0 : 1;
    } finally {
      prometheus.stop(0);
    }
  }

  /**
   * Runs {@code n} releases at once on one worker for each load step: started over 10 s, each a
   * five-stage canary with 3 s holds in two regions (sandbox activities), so stage transitions keep
   * the worker busy. Prints the p99 of workflow-task schedule-to-start over the step as the SDK
   * measures it; stops at the first step over 250 ms.
   */
  public int capacity(List<Integer> steps, Duration settle) throws Exception {
    out.println("releases at once on one worker -> workflow task schedule-to-start p99:");
    int held = 0;
    for (int n : steps) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      registry
          .config()
          .meterFilter(
              new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(
                    Meter.Id id, DistributionStatisticConfig config) {
                  return id.getName().contains("schedule_to_start")
                      ? DistributionStatisticConfig.builder()
                          .percentiles(0.99)
                          .expiry(Duration.ofMinutes(5)) // the whole step
                          .build()
                          .merge(config)
                      : config;
                }
              });
      Scope scope =
          new RootScopeBuilder()
              .reporter(new MicrometerClientStatsReporter(registry))
              .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
      SandboxWorld world = new SandboxWorld();
      try (TestWorkflowEnvironment env =
          TestWorkflowEnvironment.newInstance(
              TestEnvironmentOptions.newBuilder()
                  .setUseTimeskipping(false)
                  .setMetricsScope(scope)
                  .build())) {
        io.glidepath.status.SearchAttributes.register(
            env.getWorkflowServiceStubs(), env.getNamespace());
        Worker worker = env.newWorker(ReleaseLauncher.TASK_QUEUE);
        SandboxWorld.registerWorkflows(worker);
        worker.registerActivitiesImplementations(world.activities());
        env.start();
        ReleaseLauncher launcher = new ReleaseLauncher(env.getWorkflowClient());
        for (int i = 1; i <= n; i++) {
          launcher.start(loadSpec(i), "bench");
          Thread.sleep(10_000 / n); // starts spread over 10 s, as a busy team would
        }
        Thread.sleep(settle.toMillis());
        double p99 = 0;
        long tasks = 0;
        for (Timer t : registry.find("temporal_workflow_task_schedule_to_start_latency").timers()) {
          tasks += t.count();
          for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
            p99 = Math.max(p99, v.value(TimeUnit.MILLISECONDS));
          }
        }
        out.printf("  %4d releases: p99 %.0f ms over %d workflow tasks%n", n, p99, tasks);
        if (p99 >= 250) {
          break;
        }
        held = n;
      }
    }
    out.printf(
        "holds %d releases at once with p99 under 250 ms (largest step tried that held)%n", held);
    return 0;
  }

  private static ReleaseSpec loadSpec(int i) {
    return SpecParser.parse(
        """
        service: load%d
        version: 1.0.1
        image: ghcr.io/acme/load:1.0.1
        regions:
          - {name: a, cluster: bench-a, namespace: bench, deployment: {stable: load},
             traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
          - {name: b, cluster: bench-b, namespace: bench, deployment: {stable: load},
             traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
        rollout: {mode: parallel}
        strategy:
          canary:
            stages: [{weight: 10%%, hold: 3s}, {weight: 25%%, hold: 3s}, {weight: 50%%, hold: 3s},
                     {weight: 75%%, hold: 3s}, {weight: 100%%, hold: 3s}]
        analysis: {interval: 1s}
        soak: 0s
        """
            .formatted(i),
        "bench");
  }

  private static ReleaseSpec spec(int i, Duration interval) {
    return SpecParser.parse(
        """
        service: bench%d
        version: 1.0.1
        image: ghcr.io/acme/bench:1.0.1
        regions:
          - {name: r%d, cluster: bench, namespace: bench, deployment: {stable: bench},
             traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
        strategy:
          canary:
            stages:
              - {weight: 10%%, hold: 10m, thresholds: {error-rate: 1%%}}
              - {weight: 100%%, hold: 1m, thresholds: {error-rate: 1%%}}
        analysis: {interval: %ds, failureLimit: 1}
        soak: 0s
        """
            .formatted(i, i, interval.toSeconds()),
        "bench");
  }

  private static void awaitObserving(ReleaseLauncher launcher, String service, String region)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      for (RegionStatus r : launcher.release(service).status().regions()) {
        if (r.region().equals(region) && r.phase() == RegionPhase.OBSERVING) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(region + " never started observing");
  }

  /**
   * Answers every instant query: healthy values, or a 5% error rate for a query {@code breaching}
   * accepts; counts the queries in {@code queries}.
   */
  /**
   * Registers the release workflows on {@code worker}, with the real analysis activity against the
   * Prometheus at {@code prometheusUrl} and {@code world}'s instant traffic and deployment ones.
   */
  static void register(Worker worker, SandboxWorld world, String prometheusUrl) {
    SandboxWorld.registerWorkflows(worker);
    worker.registerActivitiesImplementations(
        world.traffic,
        world.deploy,
        new AnalysisActivitiesImpl(
            new PrometheusChecks(new PrometheusClient(PrometheusConfig.at(prometheusUrl))),
            Clock.systemUTC()),
        world.notifications);
  }

  static HttpServer fakePrometheus(Predicate<String> breaching, AtomicLong queries)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        exchange -> {
          queries.incrementAndGet();
          String q =
              URLDecoder.decode(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                      + "&"
                      + exchange.getRequestURI().getRawQuery(),
                  StandardCharsets.UTF_8);
          double value;
          if (q.contains("status=~")) {
            value = breaching.test(q) ? 0.05 : 0.001;
          } else if (q.contains("histogram_quantile")) {
            value = 0.1;
          } else if (q.contains("process_cpu") || q.contains("jvm_memory")) {
            value = 0.3;
          } else {
            value = 100; // request rate
          }
          byte[] body =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                      + "[{\"metric\":{},\"value\":["
                      + System.currentTimeMillis() / 1000.0
                      + ",\""
                      + value
                      + "\"]}]}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private boolean breaching(String query) {
    for (String region : breachAt.keySet()) {
      if (query.contains("region=\"" + region + "\"") && !stableAt.containsKey(region)) {
        return true;
      }
    }
    return false;
  }

  private static String rss() {
    return rss(ProcessHandle.current().pid());
  }

  /** The resident set size of process {@code pid}, from {@code /proc}. */
  static String rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return kb / 1024 + " MiB";
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not on Linux
    }
    return "unknown (no /proc/self/status)";
  }
}
