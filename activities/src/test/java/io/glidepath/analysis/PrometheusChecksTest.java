package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.model.Comparison;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verdict logic of one check, against a fake Prometheus answering by query name. */
class PrometheusChecksTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private Map<String, String> answers;

  @BeforeEach
  void fakePrometheus() {
    answers = new FakePrometheus(server).answers;
  }

  private static String vector(String... values) {
    return FakePrometheus.vector(values);
  }

  private CheckResult check(double minRequestRate) {
    PrometheusChecks checks =
        new PrometheusChecks(new PrometheusClient(PrometheusConfig.at(server.url("/").toString())));
    return checks.check(
        FakePrometheus.request(Duration.ofMinutes(5), Duration.ofSeconds(10), minRequestRate),
        Instant.ofEpochSecond(1_795_330_000));
  }

  @Test
  void judgesEachQueryAgainstItsThresholdAndDirection() {
    answers.put("errors", vector("0.004"));
    answers.put("throughput", vector("80"));
    CheckResult r = check(0);
    assertEquals(Verdict.PASS, r.verdicts().get(0).verdict());
    assertEquals(Verdict.FAIL, r.verdicts().get(1).verdict(), "throughput fails below 100");
    assertEquals("throughput 80 < 100", r.verdicts().get(1).describe());
    assertEquals(
        "errors{service=\"checkout\",version=\"2.4.0\"}",
        r.verdicts().get(0).query(),
        "placeholders filled");
    assertEquals(Verdict.FAIL, r.verdict());
  }

  @Test
  void severalSeriesAreJudgedByTheWorst() {
    answers.put("errors", vector("0.002", "0.03", "NaN"));
    answers.put("throughput", vector("500"));
    QueryVerdict errors = check(0).verdicts().get(0);
    assertEquals(Verdict.FAIL, errors.verdict());
    assertEquals(0.03, errors.value());
  }

  @Test
  void emptyResultsAndNaNAreInconclusiveNeverAPass() {
    answers.put("throughput", vector("NaN"));
    CheckResult r = check(0);
    assertEquals(Verdict.INCONCLUSIVE, r.verdicts().get(0).verdict());
    assertEquals("empty result", r.verdicts().get(0).detail());
    assertEquals(Verdict.INCONCLUSIVE, r.verdicts().get(1).verdict());
    assertEquals(Verdict.INCONCLUSIVE, r.verdict());
  }

  @Test
  void tooLittleTrafficMakesEveryQueryInconclusive() {
    answers.put("requests", vector("0.2"));
    answers.put("errors", vector("0.0"));
    answers.put("throughput", vector("500"));
    CheckResult r = check(1.0);
    assertTrue(r.verdicts().stream().allMatch(v -> v.verdict() == Verdict.INCONCLUSIVE));
    assertEquals("too little traffic: 0.2 req/s < 1", r.verdicts().get(0).detail());

    answers.put("requests", vector("12"));
    assertEquals(Verdict.PASS, check(1.0).verdict());
  }

  private QueryVerdict compared(double absolute, Comparison compare) {
    QueryCheck q =
        new QueryCheck(
            "error-rate",
            FakePrometheus.ERRORS.query(),
            MetricUnit.RATIO,
            FailWhen.ABOVE,
            absolute,
            2,
            compare);
    PrometheusChecks checks =
        new PrometheusChecks(new PrometheusClient(PrometheusConfig.at(server.url("/").toString())));
    ObservationRequest r =
        FakePrometheus.withChecks(
            FakePrometheus.request(Duration.ofMinutes(5), Duration.ofSeconds(10), 0), List.of(q));
    return checks.check(r, Instant.ofEpochSecond(1_795_330_000)).verdicts().get(0);
  }

  @Test
  void theNewVersionCanBeJudgedAgainstStable() {
    answers.put("errors@2.3.0", vector("0.002"));
    answers.put("errors@2.4.0", vector("0.005"));
    QueryVerdict twiceStable = compared(0.01, new Comparison(2, 0.003));
    assertEquals(Verdict.FAIL, twiceStable.verdict(), "0.5% is above 2x stable's 0.2%");
    assertEquals(0.004, twiceStable.threshold(), 1e-12);
    assertEquals("limit max(0.3%, 2x stable 0.2%)", twiceStable.detail());

    assertEquals(Verdict.PASS, compared(0.01, new Comparison(2, 0.006)).verdict(), "the floor");
    assertEquals(
        Verdict.FAIL, compared(0.004, new Comparison(3, 0.0)).verdict(), "absolute ceiling");
  }

  @Test
  void withoutStableDataAComparisonFallsBackOrIsInconclusive() {
    answers.put("errors@2.4.0", vector("0.005"));
    QueryVerdict onlyCompare = compared(Double.MAX_VALUE, new Comparison(2, 0.001));
    assertEquals(Verdict.INCONCLUSIVE, onlyCompare.verdict());
    assertEquals("stable version has no data to compare with", onlyCompare.detail());
    assertEquals(Verdict.PASS, compared(0.01, new Comparison(2, 0.001)).verdict());
  }

  @Test
  void anOutageIsAnErrorVerdict() {
    answers.put("errors", "503");
    answers.put("throughput", vector("500"));
    CheckResult r = check(0);
    assertEquals(Verdict.ERROR, r.verdicts().get(0).verdict());
    assertTrue(r.verdicts().get(0).detail().contains("HTTP 503"), r.verdicts().get(0).detail());
    assertEquals(Verdict.ERROR, r.verdict());
  }
}
