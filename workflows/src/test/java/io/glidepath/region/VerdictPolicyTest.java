package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.region.VerdictPolicy.Action;
import io.glidepath.testing.Harness;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every window verdict under every policy the spec may set, and the words that go with it. */
class VerdictPolicyTest {
  private static AnalysisSpec analysis(String noData, String onError) {
    return Harness.oneRegion(
            "analysis: {noData: " + noData + ", onError: " + onError + "}\nsoak: 0s\n")
        .analysis();
  }

  private static WindowSummary window(Verdict v, String reason) {
    return new WindowSummary(v, 6, 0, 0, 0, 0, List.of(), reason);
  }

  @ParameterizedTest(name = "{0} with noData {1}, onError {2} -> {3}")
  @CsvSource({
    "PASS,         hold,     rollback, PASS",
    "PASS,         rollback, rollback, PASS",
    "FAIL,         proceed,  proceed,  ROLL_BACK",
    "FAIL,         hold,     hold,     ROLL_BACK",
    "INCONCLUSIVE, hold,     rollback, HOLD",
    "INCONCLUSIVE, rollback, hold,     ROLL_BACK",
    "INCONCLUSIVE, proceed,  rollback, PROCEED_WITH_ALERT",
    "ERROR,        hold,     rollback, ROLL_BACK",
    "ERROR,        rollback, hold,     HOLD",
    "ERROR,        hold,     proceed,  PROCEED_WITH_ALERT",
  })
  void theSpecsPoliciesDecideWhatAWindowLeadsTo(
      Verdict verdict, String noData, String onError, Action expected) {
    assertEquals(expected, VerdictPolicy.decide(window(verdict, "r"), analysis(noData, onError)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "FAIL         | error-rate 2% > 1% | error-rate 2% > 1%",
        "INCONCLUSIVE | 3 requests         | no usable data: 3 requests",
        "ERROR        | connection refused | metrics unavailable: connection refused",
      })
  void theWordsSayWhyAWindowDidNotPass(Verdict verdict, String reason, String why) {
    assertEquals(why, VerdictPolicy.why(window(verdict, reason)));
  }
}
