package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import java.time.Duration;
import java.time.Instant;
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
