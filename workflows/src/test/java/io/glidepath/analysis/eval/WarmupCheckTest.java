package io.glidepath.analysis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.Checks;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.model.Defaults;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The warm-up after a traffic shift, through the real check path on a generated run. */
class WarmupCheckTest {
  static final long START = 1_700_000_000_000L;

  @Test
  void checksInTheWarmUpAreInconclusiveAndLaterOnesReadOnlyWhatCameAfterIt() {
    Scenario s = ScenarioFiles.parse(ScenarioFilesTest.WARM_UP, "warm-up.yaml");
    Traffic.Window[] windows = Traffic.generate(s, 1);
    Checks checks = new Checks(new ScenarioSource(windows, Evaluation.CANARY, START));
    ObservationRequest request =
        ObservationRequest.of(
                "t",
                Evaluation.spec(Evaluation.JUDGES.get(2), 120),
                "r1",
                Evaluation.STABLE,
                Defaults.CANARY_STAGES.get(0).thresholds(),
                Duration.ofMinutes(2))
            .shiftedAt(START);

    CheckResult early = checks.check(request, Instant.ofEpochMilli(START + 40_000));
    assertEquals(Verdict.INCONCLUSIVE, early.verdict());
    for (QueryVerdict q : early.verdicts()) {
      assertEquals("warm-up", q.detail(), q.describe());
      assertTrue(q.describe().contains("analysis.warmup"), q.describe());
    }

    // At the window's end: the 50% 5xx minute is not read, so nothing fails.
    CheckResult end = checks.check(request, Instant.ofEpochMilli(START + 120_000));
    assertTrue(end.verdict() != Verdict.FAIL, end.toString());
    QueryVerdict errors =
        end.verdicts().stream().filter(q -> q.name().equals("error-rate")).findFirst().get();
    assertTrue(errors.describe().contains("after the 1m warm-up"), errors.describe());

    // Without the shift's warm-up the same window fails on the first minute's errors.
    ObservationRequest unshifted =
        ObservationRequest.of(
            "t",
            Evaluation.spec(Evaluation.JUDGES.get(2), 120),
            "r1",
            Evaluation.STABLE,
            Defaults.CANARY_STAGES.get(0).thresholds(),
            Duration.ofMinutes(2));
    assertEquals(
        Verdict.FAIL, checks.check(unshifted, Instant.ofEpochMilli(START + 120_000)).verdict());
  }
}
