package io.glidepath.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.SloSpec;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloRulesTest {
  private static List<String> problems(String slo) {
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () -> SpecParser.parse(Harness.yaml(slo, "us-east"), "t.yaml"));
    return e.problems().stream().map(SpecProblem::toString).toList();
  }

  private static void assertProblem(List<String> problems, String expected) {
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(expected)),
        "expected a problem like '" + expected + "' in " + problems);
  }

  @Test
  void anEmptySectionGivesTheSeedsObjectivesAndTheWorkbooksAlerts() {
    ReleaseSpec s = Harness.oneRegion("slo: {minBudget: 25%}\n");
    SloSpec slo = s.slo();
    assertEquals(Duration.ofDays(30), slo.period());
    assertEquals(0.25, slo.minBudget());
    assertEquals(SloSpec.DEFAULT_OBJECTIVES, slo.objectives());
    assertEquals(SloSpec.DEFAULT_BURN_ALERTS, slo.burnAlerts());
    assertEquals(0.0005, slo.objective("availability").budget(), 1e-12);
    assertEquals(2, slo.fastBurns().size(), "the two page pairs roll back");
    assertNull(Harness.oneRegion("").slo(), "no section, no objectives");
  }

  @Test
  void objectivesAreReadAsWritten() {
    SloSpec slo =
        Harness.oneRegion(
                "slo:\n  period: 7d\n  objectives:\n"
                    + "    - {name: availability, objective: 99.9}\n"
                    + "    - {name: latency-checkout, objective: 99%, latency: 250ms}\n"
                    + "  burnAlerts:\n    - {long: 2h, short: 10m, factor: 10x}\n")
            .slo();
    assertEquals(Duration.ofDays(7), slo.period());
    assertNull(slo.minBudget());
    assertEquals(SloSpec.Kind.LATENCY, slo.objective("latency-checkout").kind());
    assertEquals(Duration.ofMillis(250), slo.objective("latency-checkout").latency());
    assertEquals(99.9, slo.objective("availability").percent());
    assertEquals(
        List.of(
            new SloSpec.BurnAlert(
                Duration.ofHours(2), Duration.ofMinutes(10), 10, SloSpec.Severity.PAGE)),
        slo.burnAlerts());
  }

  @Test
  void everyProblemNamesItsFieldAndTheFix() {
    List<String> p =
        problems(
            "slo:\n  period: 2h\n  minBudget: 100%\n  objectives:\n"
                + "    - {name: availability, objective: 0.9995}\n"
                + "    - {name: availability, objective: 100%}\n"
                + "    - {name: latency, objective: 95%}\n"
                + "    - {name: Errors, objective: 99%, latency: 1s}\n"
                + "    - {name: custom, objective: 99%, errors: 'sum(rate(x[5m]))'}\n"
                + "  burnAlerts:\n"
                + "    - {long: 1h, short: 1h, factor: 14.4}\n"
                + "    - {long: 30m, short: 5m, factor: 6}\n"
                + "    - {long: 6h, short: 30m, factor: 20, severity: urgent}\n"
                + "  bugdet: 1\n");
    assertProblem(p, "slo.period: 2h is outside 1d to 90d");
    assertProblem(p, "slo.minBudget: 100% is outside 0% to 100% (exclusive)");
    assertProblem(
        p,
        "slo.objectives[availability].objective: 0.9995% is a percentage, not a"
            + " fraction: write 99.95%");
    assertProblem(p, "'availability' is given twice");
    assertProblem(p, "slo.objectives[latency].latency: required for a latency objective");
    assertProblem(p, "slo.objectives[Errors].name: 'Errors' must be lower-case");
    assertProblem(
        p, "slo.objectives[Errors].latency: only a latency objective has a latency bound");
    assertProblem(p, "slo.objectives[custom].total: errors and total go together");
    assertProblem(p, "slo.burnAlerts[0].short: 1h is not shorter than the long window 1h");
    assertProblem(p, "slo.burnAlerts[1].long: 30m is not longer than the alert before it (1h)");
    assertProblem(p, "slo.burnAlerts[2].severity: 'urgent' is not one of page, ticket");
    assertProblem(p, "slo.bugdet: unknown field");
  }

  @Test
  void anObjectiveOfAHundredPercentLeavesNoBudget() {
    assertProblem(
        problems("slo: {objectives: [{name: availability, objective: 100%}]}\n"),
        "slo.objectives[availability].objective: 100% is outside 0% to 100% (both exclusive)");
  }

  @Test
  void alertsGoFromTheFastestBurnToTheSlowestAndCanFire() {
    List<String> p =
        problems(
            "slo:\n  objectives: [{name: availability, objective: 99%}]\n  burnAlerts:\n"
                + "    - {long: 1h, short: 5m, factor: 14.4}\n"
                + "    - {long: 6h, short: 30m, factor: 20}\n"
                + "    - {long: 40d, short: 1d, factor: 1}\n");
    List<String> never = problems("slo: {objectives: [{name: availability, objective: 90%}]}\n");
    assertProblem(never, "slo.burnAlerts[0].factor: 14.4 can never fire");
    assertProblem(never, "give a factor below 10 or tighten the objectives");
    assertProblem(p, "slo.burnAlerts[1].factor: 20 is not below the faster alert's 14.4");
    assertProblem(p, "slo.burnAlerts[2].long: 40d is outside 1m to the period (30d)");
  }

  @Test
  void aCustomDefinitionNeedsItsWindowAndItsRegion() {
    List<String> p =
        problems(
            "slo:\n  objectives:\n    - name: grpc\n      objective: 99.9%\n"
                + "      errors: sum(rate(grpc_errors_total[5m]))\n"
                + "      total: sum(rate(grpc_total[{{window}}]))\n");
    assertProblem(p, "slo.objectives[grpc].errors: must contain {{window}}");
    assertProblem(p, "slo.objectives[grpc].total: must keep the region label");
  }
}
