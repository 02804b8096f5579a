package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTallyTest {
  private static final QueryCheck ERRORS =
      new QueryCheck("error-rate", "q1", MetricUnit.RATIO, FailWhen.ABOVE, 0.01, 2);
  private static final QueryCheck P99 =
      new QueryCheck("p99-latency", "q2", MetricUnit.SECONDS, FailWhen.ABOVE, 2.0, 3);
  private static final QueryCheck THROUGHPUT =
      new QueryCheck("throughput", "q3", MetricUnit.NUMBER, FailWhen.BELOW, 6000, 1);
  private static final ObservationRequest REQUEST =
      new ObservationRequest(
          "r",
          "checkout",
          "eu-west",
          "2.4.0",
          "2.3.0",
          Duration.ofMinutes(5),
          Duration.ofSeconds(10),
          List.of(ERRORS, P99, THROUGHPUT),
          2,
          1,
          0,
          null);

  private static QueryVerdict v(QueryCheck q, Double value) {
    Verdict verdict = value == null ? Verdict.INCONCLUSIVE : q.judge(value);
    return new QueryVerdict(
        q.name(), verdict, value, q.threshold(), q.failWhen(), q.unit(), q.query(), null);
  }

  private static QueryVerdict error(QueryCheck q) {
    return new QueryVerdict(
        q.name(), Verdict.ERROR, null, q.threshold(), q.failWhen(), q.unit(), q.query(), "503");
  }

  private static WindowTally run(List<List<QueryVerdict>> checks) {
    WindowTally t = WindowTally.start();
    for (List<QueryVerdict> c : checks) {
      t = t.add(new CheckResult(0, c), REQUEST);
      if (t.done()) {
        break;
      }
    }
    return t;
  }

  private static List<QueryVerdict> healthy() {
    return List.of(v(ERRORS, 0.001), v(P99, 0.4), v(THROUGHPUT, 7000.0));
  }

  @Test
  void eachQueryHasItsOwnConsecutiveLimit() {
    List<List<QueryVerdict>> p99Spikes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      p99Spikes.add(List.of(v(ERRORS, 0.001), v(P99, 2.5), v(THROUGHPUT, 7000.0)));
    }
    p99Spikes.add(healthy());
    assertFalse(run(p99Spikes).done(), "two p99 spikes stay below its limit of 3");
    assertEquals(Verdict.PASS, run(p99Spikes).summary().verdict());

    List<List<QueryVerdict>> errorSpikes =
        List.of(
            List.of(v(ERRORS, 0.042), v(P99, 0.4), v(THROUGHPUT, 7000.0)),
            List.of(v(ERRORS, 0.05), v(P99, 0.4), v(THROUGHPUT, 7000.0)));
    WindowTally t = run(errorSpikes);
    assertTrue(t.done());
    assertEquals(Verdict.FAIL, t.summary().verdict());
    assertEquals("error-rate 5% > 1%, 2 consecutive checks", t.summary().reason());
  }

  @Test
  void aPassBetweenFailuresResetsTheStreak() {
    List<QueryVerdict> bad = List.of(v(ERRORS, 0.05), v(P99, 0.4), v(THROUGHPUT, 7000.0));
    WindowTally t = run(List.of(bad, healthy(), bad, healthy(), bad));
    assertFalse(t.done());
    assertEquals(3, t.failed());
    assertEquals(Verdict.PASS, t.summary().verdict(), "the window passed with failures inside");
  }

  @Test
  void theBelowDirectionFailsOnLowValues() {
    WindowTally t = run(List.of(List.of(v(ERRORS, 0.001), v(P99, 0.4), v(THROUGHPUT, 5000.0))));
    assertEquals(Verdict.FAIL, t.summary().verdict());
    assertEquals("throughput 5000 < 6000, 1 check", t.summary().reason());
  }

  @Test
  void inconclusiveAndErrorChecksEndTheWindowPastTheirLimits() {
    List<QueryVerdict> noData = List.of(v(ERRORS, null), v(P99, 0.4), v(THROUGHPUT, 7000.0));
    WindowTally t = run(List.of(noData, noData, noData));
    assertTrue(t.done(), "3 inconclusive checks exceed the limit of 2");
    assertEquals(Verdict.INCONCLUSIVE, t.summary().verdict());

    List<QueryVerdict> down = List.of(error(ERRORS), error(P99), error(THROUGHPUT));
    WindowTally e = run(List.of(down, down));
    assertEquals(Verdict.ERROR, e.summary().verdict());
    assertTrue(e.summary().reason().startsWith("2 consecutive checks could not reach"));
  }

  @Test
  void aWindowWithoutASinglePassingCheckNeverPasses() {
    List<QueryVerdict> noData = List.of(v(ERRORS, null), v(P99, 0.4), v(THROUGHPUT, 7000.0));
    assertEquals(Verdict.INCONCLUSIVE, run(List.of(noData, noData)).summary().verdict());
    assertEquals(Verdict.INCONCLUSIVE, WindowTally.start().summary().verdict());
    assertEquals(Verdict.INCONCLUSIVE, v(ERRORS, Double.NaN).verdict(), "NaN is no data");
  }

  @Test
  void aFailureOutranksAnErrorInTheSameCheck() {
    CheckResult c = new CheckResult(0, List.of(v(ERRORS, 0.05), error(P99)));
    assertEquals(Verdict.FAIL, c.verdict());
  }
}
