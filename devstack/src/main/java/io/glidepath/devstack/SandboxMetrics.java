package io.glidepath.devstack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The metrics the sandbox's versions would export, as a Micrometer-instrumented service does:
 * {@code http_server_requests_seconds_count}, {@code _sum} and {@code _bucket}, and the gauges
 * {@code process_cpu_usage} and {@code jvm_memory_used_bytes}/{@code _max_bytes}, labelled with
 * service, region and version. They are served in the Prometheus text format for a real Prometheus
 * to scrape, and kept once a second for {@link SandboxQueries} to read without one.
 */
public final class SandboxMetrics {
  static final String COUNT = "http_server_requests_seconds_count";
  static final String SUM = "http_server_requests_seconds_sum";
  static final String BUCKET = "http_server_requests_seconds_bucket";

  /** Bucket bounds in seconds; fine around the seed's p95 limits (300 to 500 ms). */
  static final double[] BOUNDS = {
    0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.75, 1, 2.5
  };

  private static final long KEEP_MILLIS = 15 * 60_000;

  /** A series: its name and labels, and its value. */
  record Series(String name, Map<String, String> labels, DoubleAdder value) {
    String key() {
      return name + labels;
    }
  }

  /** Every series' value at one moment. */
  record Snapshot(long atMillis, Map<String, Double> values) {}

  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private final Deque<Snapshot> history = new ArrayDeque<>();

  /** Records one answered request. */
  public void record(String service, String region, String version, int status, double seconds) {
    Map<String, String> base = Map.of("service", service, "region", region, "version", version);
    touch(base);
    add(COUNT, with(base, "status", String.valueOf(status)), 1);
    add(SUM, with(base, "status", String.valueOf(status)), seconds);
    for (double bound : BOUNDS) {
      if (seconds <= bound) {
        add(BUCKET, with(base, "le", le(bound)), 1);
      }
    }
    add(BUCKET, with(base, "le", "+Inf"), 1);
  }

  /**
   * Records one request answered for a user on {@code variant} of a feature flag: the request
   * metrics labelled with service, region and variant (as an application tags them with the variant
   * it evaluated), which a flag release's built-in queries select.
   */
  public void recordVariant(
      String service, String region, String variant, int status, double seconds) {
    Map<String, String> base = Map.of("service", service, "region", region, "variant", variant);
    touch(base);
    add(COUNT, with(base, "status", String.valueOf(status)), 1);
    add(SUM, with(base, "status", String.valueOf(status)), seconds);
    for (double bound : BOUNDS) {
      if (seconds <= bound) {
        add(BUCKET, with(base, "le", le(bound)), 1);
      }
    }
    add(BUCKET, with(base, "le", "+Inf"), 1);
  }

  /**
   * Creates a flag variant's request series at zero, as a service that evaluates the flag exports
   * them from the moment it reads the flag: the first users on a new variant then count from a
   * scraped zero, so the first check after a shift has a rate.
   */
  public void touchVariant(String service, String region, String variant) {
    touch(Map.of("service", service, "region", region, "variant", variant));
  }

  /**
   * Creates a version's series at zero the first time it takes traffic, as an instrumented service
   * exports its counters at start: an error rate then reads 0 rather than no data.
   */
  private void touch(Map<String, String> base) {
    if (series.containsKey(COUNT + new TreeMap<>(with(base, "status", "500")))) {
      return;
    }
    for (String status : List.of("200", "500")) {
      add(COUNT, with(base, "status", status), 0);
      add(SUM, with(base, "status", status), 0);
    }
    for (double bound : BOUNDS) {
      add(BUCKET, with(base, "le", le(bound)), 0);
    }
    add(BUCKET, with(base, "le", "+Inf"), 0);
  }

  private static String le(double bound) {
    return bound == Math.rint(bound) ? String.valueOf((long) bound) + ".0" : String.valueOf(bound);
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> out = new TreeMap<>(base);
    out.put(key, value);
    return out;
  }

  private void add(String name, Map<String, String> labels, double amount) {
    Map<String, String> sorted = new TreeMap<>(labels);
    series
        .computeIfAbsent(name + sorted, k -> new Series(name, sorted, new DoubleAdder()))
        .value()
        .add(amount);
  }

  /** Sets a version's process gauges: CPU use (0 to 1) and heap bytes used of the maximum. */
  public void gauges(
      String service, String region, String version, double cpu, double heapUsed, double heapMax) {
    Map<String, String> base = Map.of("service", service, "region", region, "version", version);
    set("process_cpu_usage", base, cpu);
    set("jvm_memory_used_bytes", with(base, "area", "heap"), heapUsed);
    set("jvm_memory_max_bytes", with(base, "area", "heap"), heapMax);
  }

  private void set(String name, Map<String, String> labels, double value) {
    Map<String, String> sorted = new TreeMap<>(labels);
    DoubleAdder v =
        series
            .computeIfAbsent(name + sorted, k -> new Series(name, sorted, new DoubleAdder()))
            .value();
    v.reset();
    v.add(value);
  }

  /** Keeps every series' value now; the sandbox calls it once a second. */
  public synchronized void snapshot(long nowMillis) {
    Map<String, Double> values = new HashMap<>();
    series.values().forEach(s -> values.put(s.key(), s.value().sum()));
    history.addLast(new Snapshot(nowMillis, values));
    while (!history.isEmpty() && history.peekFirst().atMillis() < nowMillis - KEEP_MILLIS) {
      history.removeFirst();
    }
  }

  /** The kept snapshots from {@code fromMillis} to {@code toMillis} (both in), oldest first. */
  synchronized List<Snapshot> between(long fromMillis, long toMillis) {
    return history.stream()
        .filter(s -> s.atMillis() >= fromMillis && s.atMillis() <= toMillis)
        .toList();
  }

  /** The series named {@code name}. */
  List<Series> named(String name) {
    return series.values().stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The Prometheus text format of every series. */
  public String exposition() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(series)
        .values()
        .forEach(
            s -> {
              out.append(s.name()).append('{');
              int i = 0;
              for (var l : s.labels().entrySet()) {
                out.append(i++ == 0 ? "" : ",")
                    .append(l.getKey())
                    .append("=\"")
                    .append(l.getValue())
                    .append('"');
              }
              out.append("} ").append(s.value().sum()).append('\n');
            });
    return out.toString();
  }
}
