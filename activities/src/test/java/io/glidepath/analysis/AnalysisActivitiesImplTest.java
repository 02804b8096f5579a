package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.prometheus.AnalysisActivitiesImpl;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observation activity, with a real activity context, against a fake Prometheus. */
class AnalysisActivitiesImplTest {
  @StartStop public final MockWebServer server = new MockWebServer();
  private Map<String, String> answers;
  private TestActivityEnvironment env;
  private AnalysisActivities analysis;
  private final List<String> timed = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void activity() {
    answers = new FakePrometheus(server).answers;
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new AnalysisActivitiesImpl(
            new PrometheusChecks(
                new PrometheusClient(PrometheusConfig.at(server.url("/").toString()))),
            Clock.systemUTC(),
            (request, took) -> timed.add(request.region() + " " + took.isNegative())));
    analysis =
        env.newActivityStub(
            AnalysisActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static ObservationRequest window(Duration length) {
    return FakePrometheus.request(length, Duration.ofMillis(200), 0);
  }

  private static String vector(String... values) {
    return FakePrometheus.vector(values);
  }

  @Test
  void returnsAsSoonAsTheConsecutiveLimitIsReached() {
    answers.put("errors", vector("0.05"));
    answers.put("throughput", vector("500"));
    long started = System.nanoTime();
    WindowSummary s = analysis.observe(window(Duration.ofSeconds(30)));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(Verdict.FAIL, s.verdict());
    assertEquals(2, s.checks(), "error-rate's limit is 2 consecutive checks");
    assertEquals("error-rate 5% > 1%, 2 consecutive checks", s.reason());
    assertTrue(
        tookMillis < 10_000, "returned early, not at the window's end: " + tookMillis + " ms");
  }

  @Test
  void aHealthyWindowRunsToItsEnd() {
    answers.put("errors", vector("0.001"));
    answers.put("throughput", vector("500"));
    WindowSummary s = analysis.observe(window(Duration.ofSeconds(1)));
    assertEquals(Verdict.PASS, s.verdict());
    assertEquals(5, s.checks(), "one check every 200 ms for 1 s");
    assertEquals(0.001, s.last().get(0).value());
    assertEquals(5, timed.size(), "each check's latency is reported once: " + timed);
    assertTrue(
        timed.stream().allMatch(t -> t.equals("eu-west false")),
        "for the window's region, never negative: " + timed);
  }

  @Test
  void aRetriedAttemptResumesTheHeartbeatedCounts() {
    answers.put("errors", vector("0.001"));
    answers.put("throughput", vector("500"));
    WindowTally before = WindowTally.start();
    CheckResult earlier =
        new CheckResult(
            0,
            List.of(
                new QueryVerdict(
                    "error-rate",
                    Verdict.PASS,
                    0.001,
                    0.01,
                    FakePrometheus.ERRORS.failWhen(),
                    FakePrometheus.ERRORS.unit(),
                    "q",
                    null)));
    for (int i = 0; i < 3; i++) {
      before = before.add(earlier, window(Duration.ofSeconds(1)));
    }
    env.setHeartbeatDetails(before);
    WindowSummary s = analysis.observe(window(Duration.ofSeconds(1)));
    assertEquals(5, s.checks(), "3 heartbeated checks + the 2 left in the window");
    assertEquals(5, s.passed());
  }
}
