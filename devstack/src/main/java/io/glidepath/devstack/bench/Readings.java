package io.glidepath.devstack.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the capacity bench reads at one instant, to tell which side saturates: the CPU time the
 * worker's and the server's processes have used ({@code /proc}), the worker SDK's counters (sticky
 * cache, polls, workflow-task completions) and the Temporal server's own Prometheus metrics (its
 * persistence latency histogram, and the actions it counts). Two readings give the rates between.
 */
record Readings(
    long atNanos,
    double workerCpuSeconds,
    double serverCpuSeconds,
    Map<String, Double> sdk,
    Map<Double, Double> persistenceBuckets,
    double persistenceCount,
    double persistenceSum,
    double actions) {

  /** The SDK counters and timer counts the bench reports on, summed over their tags. */
  static final String[] SDK = {
    "temporal_sticky_cache_hit",
    "temporal_sticky_cache_miss",
    "temporal_sticky_cache_total_forced_eviction",
    "temporal_workflow_task_queue_poll_succeed",
    "temporal_workflow_task_queue_poll_empty",
    "temporal_activity_execution_latency"
  };

  static Readings take(MeterRegistry registry, long serverPid, String serverMetricsUrl) {
    Map<String, Double> sdk = new HashMap<>();
    for (String name : SDK) {
      double sum = 0;
      for (Counter c : registry.find(name).counters()) {
        sum += c.count();
      }
      for (Timer t : registry.find(name).timers()) {
        sum += t.count();
      }
      sdk.put(name, sum);
    }
    // Completing a workflow task is the server's write per task: its mean latency, client side.
    double[] respond = {0, 0};
    for (Timer t : registry.find("temporal_request_latency").timers()) {
      if ("RespondWorkflowTaskCompleted".equals(t.getId().getTag("operation"))) {
        respond[0] += t.count();
        respond[1] += t.totalTime(TimeUnit.MILLISECONDS);
      }
    }
    sdk.put("respond.count", respond[0]);
    sdk.put("respond.millis", respond[1]);
    Map<Double, Double> buckets = new TreeMap<>();
    double[] persistence = {0, 0};
    double actions = 0;
    for (String line : scrape(serverMetricsUrl).split("\n")) {
      if (line.startsWith("persistence_latency_bucket{")) {
        String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.merge(bound, value(line), Double::sum);
      } else if (line.startsWith("persistence_latency_count{")) {
        persistence[0] += value(line);
      } else if (line.startsWith("persistence_latency_sum{")) {
        persistence[1] += value(line);
      } else if (line.startsWith("action{")) {
        actions += value(line);
      }
    }
    return new Readings(
        System.nanoTime(),
        cpuSeconds(ProcessHandle.current().pid()),
        cpuSeconds(serverPid),
        sdk,
        buckets,
        persistence[0],
        persistence[1],
        actions);
  }

  /** The CPU cores a process used on average from {@code before} to this reading. */
  double workerCores(Readings before) {
    return (workerCpuSeconds - before.workerCpuSeconds) / seconds(before);
  }

  double serverCores(Readings before) {
    return (serverCpuSeconds - before.serverCpuSeconds) / seconds(before);
  }

  double seconds(Readings before) {
    return (atNanos - before.atNanos) / 1e9;
  }

  double delta(Readings before, String sdkName) {
    return sdk.getOrDefault(sdkName, 0.0) - before.sdk.getOrDefault(sdkName, 0.0);
  }

  /** Sticky cache hits among hits and misses since {@code before}, in percent. */
  double stickyHitPercent(Readings before) {
    double hits = delta(before, "temporal_sticky_cache_hit");
    double all = hits + delta(before, "temporal_sticky_cache_miss");
    return all == 0 ? 100 : hits * 100 / all;
  }

  /** The mean latency of the worker's workflow-task completions since {@code before}, ms. */
  double respondMillis(Readings before) {
    double n = delta(before, "respond.count");
    return n == 0 ? 0 : delta(before, "respond.millis") / n;
  }

  /** The server's persistence calls per second since {@code before}. */
  double persistencePerSecond(Readings before) {
    return (persistenceCount - before.persistenceCount) / seconds(before);
  }

  /** The server's mean persistence latency since {@code before}, ms. */
  double persistenceMeanMillis(Readings before) {
    double n = persistenceCount - before.persistenceCount;
    return n == 0 ? 0 : (persistenceSum - before.persistenceSum) * 1000 / n;
  }

  /**
   * The share of the time the server's persistence was busy since {@code before}: calls per second
   * times their mean latency. SQLite serves one write at a time, so near 100% the server queues.
   */
  double persistenceBusyPercent(Readings before) {
    return persistencePerSecond(before) * persistenceMeanMillis(before) / 10;
  }

  /** The upper bound of the bucket holding the 99th percentile since {@code before}, ms. */
  double persistenceP99Millis(Readings before) {
    double n = persistenceCount - before.persistenceCount;
    for (Map.Entry<Double, Double> b : persistenceBuckets.entrySet()) {
      double inBucket = b.getValue() - before.persistenceBuckets.getOrDefault(b.getKey(), 0.0);
      if (n > 0 && inBucket >= 0.99 * n) {
        return b.getKey() * 1000;
      }
    }
    return Double.NaN;
  }

  /** The actions the server counted per second since {@code before} (Temporal Cloud bills them). */
  double actionsPerSecond(Readings before) {
    return (actions - before.actions) / seconds(before);
  }

  private static double value(String line) {
    try {
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String scrape(String url) {
    if (url == null) {
      return "";
    }
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** User plus system CPU seconds of process {@code pid}, from {@code /proc/<pid>/stat}. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state is field 3, utime 14 and stime 15 (1-based, whole line)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
