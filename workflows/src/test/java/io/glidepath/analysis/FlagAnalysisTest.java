package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.Defaults;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flag release is judged per variant: users on the new variant against users on the old one. */
class FlagAnalysisTest {

  static ReleaseSpec spec(String analysis) {
    return SpecParser.parse(
        """
        service: checkout
        version: new-checkout-1
        regions:
          - name: us-east
            cluster: prod-us-east
            namespace: shop
            deployment: {stable: checkout}
            traffic: {type: flagd, flag: new-checkout, newVariant: new, oldVariant: classic}
        strategy:
          canary:
            stages:
              - {weight: 10, hold: 5m, thresholds: {error-rate: 1%}}
              - {weight: 100, hold: 5m, thresholds: {error-rate: 1%}}
        """
            + analysis,
        "flag spec");
  }

  /** Answers each query by the variant it selects: the new variant errs {@code newErrors}. */
  static MetricSource byVariant(double newErrors, List<String> asked) {
    return (promql, at) -> {
      asked.add(promql);
      double v;
      if (promql.contains("process_cpu_usage") || promql.contains("jvm_memory")) {
        v = 0.3;
      } else if (promql.contains("variant=\"new\"")) {
        v = promql.contains("status") ? newErrors : 40;
      } else if (promql.contains("variant=\"classic\"")) {
        v = promql.contains("status") ? 0.001 : 360;
      } else {
        return new MetricSource.Result(List.of(), List.of());
      }
      return new MetricSource.Result(List.of(new MetricSource.Sample(Map.of(), v)), List.of());
    };
  }

  @Test
  void theBuiltInQueriesSelectTheVariantAndTheGaugesTheWholeService() {
    ReleaseSpec spec = spec("");
    ObservationRequest r =
        ObservationRequest.of(
            "r",
            spec,
            "us-east",
            "2.3.0",
            Map.of(Defaults.ERROR_RATE, 0.01),
            Duration.ofMinutes(5));
    assertEquals("new", r.version());
    assertEquals("classic", r.stableVersion());
    String errors = spec.analysis().query(Defaults.ERROR_RATE).query();
    assertTrue(errors.contains("variant=\"{{version}}\""), errors);
    assertFalse(errors.contains("version=\""), errors);
    String cpu = spec.analysis().query(Defaults.CPU).query();
    assertFalse(cpu.contains("{{version}}"), cpu);
    assertNotNull(StatisticalChecks.countBased(Defaults.ERROR_RATE, errors));
  }

  @Test
  void usersOnTheNewVariantFailWhereItErrsAndPassWhereItDoesNot() {
    ReleaseSpec spec = spec("");
    ObservationRequest r =
        ObservationRequest.of(
            "r",
            spec,
            "us-east",
            "2.3.0",
            Map.of(Defaults.ERROR_RATE, 0.01),
            Duration.ofMinutes(5));
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    CheckResult bad = new Checks(byVariant(0.05, asked)).check(r, Instant.now());
    QueryVerdict errorRate =
        bad.verdicts().stream().filter(v -> v.name().equals(Defaults.ERROR_RATE)).findFirst().get();
    assertEquals(Verdict.FAIL, errorRate.verdict());
    assertEquals(0.05, errorRate.value(), 1e-9);
    assertTrue(asked.stream().anyMatch(q -> q.contains("variant=\"new\"")), asked.toString());
    assertEquals(
        Verdict.PASS,
        new Checks(byVariant(0.002, new ArrayList<>()))
            .check(r, Instant.now()).verdicts().stream()
                .filter(v -> v.name().equals(Defaults.ERROR_RATE))
                .findFirst()
                .get()
                .verdict());
  }

  @Test
  void aComparisonTakesTheOldVariantAsTheBaseline() {
    ReleaseSpec spec =
        spec(
            """
            analysis:
              queries:
                - {name: error-rate, compare: {factor: 2, floor: 0.5%}}
            """);
    ObservationRequest r =
        ObservationRequest.of(
            "r", spec, "us-east", "2.3.0", Map.of(Defaults.ERROR_RATE, 0.2), Duration.ofMinutes(5));
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    CheckResult result = new Checks(byVariant(0.03, asked)).check(r, Instant.now());
    assertTrue(
        asked.stream().anyMatch(q -> q.contains("variant=\"classic\"")),
        "the old variant is the baseline: " + asked);
    assertEquals(
        Verdict.FAIL,
        result.verdicts().stream()
            .filter(v -> v.name().equals(Defaults.ERROR_RATE))
            .findFirst()
            .get()
            .verdict(),
        result.toString());
  }
}
