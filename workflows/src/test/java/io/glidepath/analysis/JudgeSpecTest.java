package io.glidepath.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.Defaults;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecParser;
import io.glidepath.testing.Harness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JudgeSpecTest {

  @Test
  void thresholdsStayTheDefaultJudge() {
    assertEquals(JudgeKind.THRESHOLD, Harness.spec("").analysis().judge());
  }

  @Test
  void aSpecAsksForTheStatisticalJudgeAndAnEffectPerQuery() {
    ReleaseSpec s =
        Harness.spec(
            "analysis:\n  judge: statistical\n"
                + "  queries:\n    - {name: error-rate, maxIncrease: 2}\n");
    assertEquals(JudgeKind.STATISTICAL, s.analysis().judge());
    assertEquals(2.0, s.analysis().query(Defaults.ERROR_RATE).maxIncrease());
    ObservationRequest r =
        ObservationRequest.of(
            "r1",
            s,
            "us-east",
            "2.3.0",
            s.strategy().canary().stages().get(0).thresholds(),
            Duration.ofMinutes(5));
    assertEquals(JudgeKind.STATISTICAL, r.judge());
    // p99 has no threshold, yet the statistical judge compares it with stable.
    assertTrue(r.checks().stream().anyMatch(c -> c.name().equals(Defaults.P99_LATENCY)));
    assertEquals(
        2.0,
        r.checks().stream()
            .filter(c -> c.name().equals(Defaults.ERROR_RATE))
            .findFirst()
            .orElseThrow()
            .maxIncrease());
  }

  @Test
  void anUnknownJudgeAndATinyEffectAreRefused() {
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () ->
                SpecParser.parse(
                    Harness.yaml(
                        "analysis:\n  judge: bayesian\n"
                            + "  queries:\n    - {name: p95-latency, maxIncrease: 0.5}\n"),
                    "t"));
    String all = e.problems().toString();
    assertTrue(all.contains("analysis.judge"), all);
    assertTrue(all.contains("maxIncrease"), all);
  }
}
