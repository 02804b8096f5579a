package io.glidepath.cli.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetLinesTest {
  @Test
  void statusShowsEachRegionsLatestBudgetReading() {
    ReleaseStatus s =
        new ReleaseStatus(
            "release-cart",
            "cart",
            "1.1.0",
            "alice",
            ReleasePhase.COMPLETED,
            false,
            List.of(),
            List.of(),
            List.of(
                new Decision(
                    1,
                    "glidepath",
                    "error budget us-east",
                    "before the release: a 90% left",
                    DecisionKind.BUDGET),
                new Decision(
                    2,
                    "glidepath",
                    "error budget eu-west",
                    "before the release: a 80% left",
                    DecisionKind.BUDGET),
                new Decision(
                    3, "glidepath", "region started", "us-east", DecisionKind.REGION_STARTED),
                new Decision(
                    4,
                    "glidepath",
                    "error budget us-east",
                    "spent: a 90% -> 88% (spent 2%)",
                    DecisionKind.BUDGET)));
    assertEquals(
        "  error budget us-east: spent: a 90% -> 88% (spent 2%)\n"
            + "  error budget eu-west: before the release: a 80% left\n",
        BudgetLines.of(s));
    assertEquals(
        "",
        BudgetLines.of(
            new ReleaseStatus(
                "r",
                "cart",
                "1",
                "a",
                ReleasePhase.COMPLETED,
                false,
                List.of(),
                List.of(),
                List.of())));
  }
}
