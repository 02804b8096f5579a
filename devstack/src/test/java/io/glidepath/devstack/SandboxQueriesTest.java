package io.glidepath.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.QueryTemplates;
import io.glidepath.model.Defaults;
import io.glidepath.model.QuerySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox metric provider computes the built-in queries from known counters. */
class SandboxQueriesTest {
  final SandboxMetrics metrics = new SandboxMetrics();
  final SandboxQueries queries = new SandboxQueries(metrics);
  final Map<String, String> vars =
      Map.of(
          "service", "checkout",
          "region", "eu-west",
          "version", "2.4.0",
          "stable_version", "2.3.0",
          "window", "1m");

  String query(String name) {
    QuerySpec q =
        Defaults.QUERIES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    return QueryTemplates.render(q.query(), vars);
  }

  /** 10 s of traffic: per second 96 answers of 200 at 0.11 s and 4 of 500 at 0.42 s. */
  void traffic() {
    metrics.snapshot(0);
    for (int s = 1; s <= 10; s++) {
      for (int i = 0; i < 96; i++) {
        metrics.record("checkout", "eu-west", "2.4.0", 200, 0.11);
      }
      for (int i = 0; i < 4; i++) {
        metrics.record("checkout", "eu-west", "2.4.0", 500, 0.42);
      }
      metrics.record("checkout", "eu-west", "2.3.0", 200, 0.05); // another version: not counted
      metrics.gauges("checkout", "eu-west", "2.4.0", 0.25, 300, 1000);
      metrics.snapshot(s * 1000L);
    }
  }

  @Test
  void errorRateRequestRateAndQuantilesComeFromTheCounters() {
    traffic();
    assertEquals(0.04, queries.evaluate(query(Defaults.ERROR_RATE), 10_000).orElseThrow(), 1e-9);
    assertEquals(100, queries.evaluate(query(Defaults.REQUEST_RATE), 10_000).orElseThrow(), 1e-9);
    // 96% of answers are in the (0.1, 0.125] bucket: the 95th percentile interpolates inside it.
    double p95 = queries.evaluate(query(Defaults.P95_LATENCY), 10_000).orElseThrow();
    assertEquals(0.1 + 0.025 * 95 / 96, p95, 1e-9);
    // The 99th is among the 4% at 0.42 s, in the (0.4, 0.45] bucket.
    double p99 = queries.evaluate(query(Defaults.P99_LATENCY), 10_000).orElseThrow();
    assertTrue(p99 > 0.4 && p99 <= 0.45, "p99 " + p99);
    assertEquals(0.25, queries.evaluate(query(Defaults.CPU), 10_000).orElseThrow(), 1e-9);
    assertEquals(0.3, queries.evaluate(query(Defaults.MEMORY), 10_000).orElseThrow(), 1e-9);
  }

  /** A version that never failed has no 5xx series, as in Micrometer: a 0% rate, not no data. */
  @Test
  void aVersionWithoutErrorsHasAZeroErrorRate() {
    metrics.snapshot(0);
    for (int s = 1; s <= 10; s++) {
      metrics.record("checkout", "eu-west", "2.4.0", 200, 0.11);
      metrics.snapshot(s * 1000L);
    }
    assertEquals(0.0, queries.evaluate(query(Defaults.ERROR_RATE), 10_000).orElseThrow());
  }

  @Test
  void aVersionWithoutTrafficHasNoDataAndAnUnknownQueryIsRefused() {
    traffic();
    Map<String, String> other = new java.util.HashMap<>(vars);
    other.put("version", "9.9.9");
    String rate =
        QueryTemplates.render(
            Defaults.QUERIES.stream()
                .filter(s -> s.name().equals(Defaults.ERROR_RATE))
                .findFirst()
                .orElseThrow()
                .query(),
            other);
    assertTrue(queries.evaluate(rate, 10_000).isEmpty(), "an empty vector, as Prometheus gives");
    var e =
        assertThrows(
            SandboxQueries.Unsupported.class, () -> queries.evaluate("avg_over_time(up[5m])", 0));
    assertTrue(e.getMessage().contains("install prometheus"), e.getMessage());
  }

  /**
   * A range query answers each step as an instant query at that time would: 4% errors over the
   * first 10 s, none over the next 10 s, judged over 2 s windows.
   */
  @Test
  void aRangeQueryAnswersEachStepFromTheSnapshotsBeforeIt() {
    traffic();
    for (int s = 11; s <= 20; s++) {
      for (int i = 0; i < 100; i++) {
        metrics.record("checkout", "eu-west", "2.4.0", 200, 0.11);
      }
      metrics.snapshot(s * 1000L);
    }
    String errors = query(Defaults.ERROR_RATE).replace("[1m]", "[2s]");
    var points = queries.evaluateRange(errors, 2_000, 20_000, 2_000);
    assertEquals(10, points.size(), points.toString());
    for (var p : points) {
      assertEquals(p.atMillis() <= 10_000 ? 0.04 : 0.0, p.value(), 1e-9, "at " + p.atMillis());
    }
    // Before the first snapshot there is no data: those steps are left out, not zero.
    assertEquals(
        List.of(2_000L),
        queries.evaluateRange(errors, -4_000, 2_000, 2_000).stream()
            .map(SandboxQueries.Point::atMillis)
            .toList());
    var tooMany =
        assertThrows(
            IllegalArgumentException.class, () -> queries.evaluateRange(errors, 0, 20_000, 1));
    assertTrue(tooMany.getMessage().contains("try a larger step"), tooMany.getMessage());
    assertThrows(IllegalArgumentException.class, () -> queries.evaluateRange(errors, 0, 1, 0));
  }
}
