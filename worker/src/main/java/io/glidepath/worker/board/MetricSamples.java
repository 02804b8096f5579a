package io.glidepath.worker.board;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.prometheus.PromResult;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.model.FailWhen;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The values of each checked metric over a region's current observation window, for the charts. The
 * status carries only the last check of the last window, so while a window runs the board asks the
 * worker's Prometheus (the sandbox's with {@code --dev}) for each checked query itself, at most
 * once a second per region, and keeps the answers of the current window in memory. When it first
 * sees a window, one range query per checked query fills in the window so far. Without a
 * Prometheus, a chart shows the checks the status carries.
 */
final class MetricSamples {
  /** One value of a metric at a time. */
  record Sample(long atMillis, double value) {}

  static final int MAX_SAMPLES = 900;

  /** About how many values a range query fills a window's chart with when it is opened. */
  static final int BACKFILL_POINTS = 120;

  private final PrometheusClient prometheus;
  private final LongSupplier clock;
  private final Map<String, Deque<Sample>> series = new HashMap<>();
  private final Map<String, Long> lastAsked = new HashMap<>();
  private final Map<String, Long> windows = new HashMap<>();

  /** With {@code prometheus} to ask, or {@code null} to keep only what the status carries. */
  MetricSamples(PrometheusClient prometheus, LongSupplier clock) {
    this.prometheus = prometheus;
    this.clock = clock;
  }

  /** Samples every running region's checked metrics of {@code status} when a second has passed. */
  void observe(String releaseId, ReleaseStatus status) {
    if (status.phase().finished()) {
      return;
    }
    for (RegionStatus r : status.regions()) {
      if (r.windowStartMillis() <= 0 || r.lastVerdict() == null || r.phase().finished()) {
        continue;
      }
      String regionKey = releaseId + "\n" + r.region();
      long now = clock.getAsLong();
      boolean fresh;
      synchronized (this) {
        Long window = windows.put(regionKey, r.windowStartMillis());
        fresh = window == null || window != r.windowStartMillis();
        if (window != null && fresh) {
          series.keySet().removeIf(k -> k.startsWith(regionKey + "\n"));
        }
        Long asked = lastAsked.get(regionKey);
        if (asked != null && now - asked < 1000) {
          continue;
        }
        lastAsked.put(regionKey, now);
      }
      String stable = stableVersion(r);
      if (fresh) {
        backfill(releaseId, r, status.version(), stable, now);
      }
      for (QueryVerdict q : r.lastVerdict().last()) {
        Double v = ask(q, q.query());
        if (v != null) {
          add(releaseId, r.region(), q.name(), new Sample(now, v));
        }
        String stableQuery = compared(q) ? stableQuery(q.query(), status.version(), stable) : null;
        Double sv = stableQuery == null ? null : ask(q, stableQuery);
        if (sv != null) {
          add(releaseId, r.region(), stableSeries(q.name()), new Sample(now, sv));
        }
      }
    }
  }

  /**
   * The values of the window so far, from one range query per checked query (and per stable query),
   * so a chart opened mid-window starts at the window's start. Without an answer (no Prometheus,
   * one without range queries) the chart starts now, from the sampling.
   */
  private void backfill(
      String releaseId, RegionStatus r, String newVersion, String stable, long now) {
    long start = r.windowStartMillis();
    if (prometheus == null || now - start < 2000) {
      return;
    }
    Duration step = Duration.ofMillis(Math.max(1000, (now - start) / BACKFILL_POINTS));
    for (QueryVerdict q : r.lastVerdict().last()) {
      range(q, q.query(), start, now, step)
          .forEach(sample -> add(releaseId, r.region(), q.name(), sample));
      String stableQuery = compared(q) ? stableQuery(q.query(), newVersion, stable) : null;
      range(q, stableQuery, start, now, step)
          .forEach(sample -> add(releaseId, r.region(), stableSeries(q.name()), sample));
    }
  }

  /** The worst value of {@code query} at each step before {@code to}, oldest first. */
  private List<Sample> range(QueryVerdict q, String query, long from, long to, Duration step) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    try {
      PromResult r =
          prometheus.queryRange(query, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), step);
      java.util.TreeMap<Long, Double> worst = new java.util.TreeMap<>();
      for (PromResult.Series s : r.series()) {
        for (PromResult.Point p : s.points()) {
          long at = Math.round(p.time() * 1000);
          if (at >= to || !Double.isFinite(p.value())) {
            continue;
          }
          worst.merge(
              at,
              p.value(),
              q.failWhen() == FailWhen.BELOW ? (a, b) -> Math.min(a, b) : (a, b) -> Math.max(a, b));
        }
      }
      return worst.entrySet().stream().map(e -> new Sample(e.getKey(), e.getValue())).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Records one value (used by {@link #observe} and by tests). */
  synchronized void add(String releaseId, String region, String metric, Sample s) {
    Deque<Sample> d =
        series.computeIfAbsent(key(releaseId, region, metric), k -> new ArrayDeque<>());
    d.addLast(s);
    while (d.size() > MAX_SAMPLES) {
      d.removeFirst();
    }
  }

  /** The values of {@code metric} in {@code region} since {@code fromMillis}, oldest first. */
  synchronized List<Sample> since(String releaseId, String region, String metric, long fromMillis) {
    Deque<Sample> d = series.get(key(releaseId, region, metric));
    if (d == null) {
      return List.of();
    }
    return d.stream().filter(s -> s.atMillis() >= fromMillis).toList();
  }

  /** The name under which the stable version's values of {@code metric} are kept. */
  static String stableSeries(String metric) {
    return metric + "\nstable";
  }

  /** Whether the check compared the new version with the stable one (its limit came from it). */
  static boolean compared(QueryVerdict q) {
    return q.detail() != null && q.detail().contains("x stable");
  }

  /**
   * The stable version the region deployed beside, from its typed {@code DEPLOYED} decision ({@code
   * <image> beside <stable>}), or {@code null}.
   */
  static String stableVersion(RegionStatus r) {
    for (Decision d : r.timeline()) {
      if (d.kind() == DecisionKind.DEPLOYED && d.why() != null) {
        int at = d.why().lastIndexOf(" beside ");
        if (at >= 0) {
          String v = d.why().substring(at + " beside ".length()).strip();
          return v.isEmpty() || v.contains(" ") || v.equals("null") ? null : v;
        }
      }
    }
    return null;
  }

  /**
   * The same query for the stable version: the check rendered it with the new version as a quoted
   * label value, so that value is swapped; {@code null} when it does not appear.
   */
  static String stableQuery(String query, String newVersion, String stableVersion) {
    if (query == null || newVersion == null || stableVersion == null) {
      return null;
    }
    String quoted = "\"" + newVersion + "\"";
    return query.contains(quoted) ? query.replace(quoted, "\"" + stableVersion + "\"") : null;
  }

  private Double ask(QueryVerdict q, String query) {
    if (prometheus == null || query == null || query.isBlank()) {
      return null;
    }
    try {
      PromResult r = prometheus.query(query, Instant.ofEpochMilli(clock.getAsLong()));
      Double worst = null;
      for (PromResult.Series s : r.series()) {
        if (s.points().isEmpty()) {
          continue;
        }
        double v = s.last();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          continue;
        }
        worst =
            worst == null
                ? v
                : q.failWhen() == FailWhen.BELOW ? Math.min(worst, v) : Math.max(worst, v);
      }
      return worst;
    } catch (RuntimeException e) {
      // The chart then shows what the status carries; the board stays up.
      return null;
    }
  }

  private static String key(String releaseId, String region, String metric) {
    return releaseId + "\n" + region + "\n" + metric;
  }
}
