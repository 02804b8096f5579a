package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.analysis.Verdict;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.EventType;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The strategies and policies inside one region, driven through its release. */
class RegionRolloutWorkflowTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  private RegionResult run(ReleaseSpec spec) {
    h.start(spec);
    ReleaseResult result = h.result(spec);
    return result.regions().get(0);
  }

  private static RegionStatus us(ReleaseWorkflow release) {
    return release.status().regions().get(0);
  }

  private RegionStatus awaitHolding(ReleaseWorkflow release) {
    return h.awaitStatus(
            release, s -> s.regions().get(0).phase() == RegionPhase.HOLDING, Duration.ofHours(1))
        .regions()
        .get(0);
  }

  /** error-rate fails in us-east at {@code weight} on the first {@code failing} checks only. */
  private void failFirstChecks(int weight, int failing) {
    world.metrics =
        (r, w, q, check) ->
            w == weight && q.equals("error-rate") && check < failing
                ? 0.05
                : SandboxWorld.healthy(r, w, q, check);
  }

  @Test
  void failuresBelowTheConsecutiveLimitDoNotRollBack() {
    failFirstChecks(25, 2);
    RegionResult r = run(Harness.oneRegion("analysis: {failureLimit: 3}\nsoak: 0s\n"));
    assertEquals(RegionOutcome.COMPLETED, r.outcome(), String.valueOf(r.reason()));
    assertEquals(List.of(10, 25, 50, 75, 100, 0), world.weightHistory.get("us-east"));
  }

  @Test
  void reachingTheConsecutiveLimitRollsBack() {
    failFirstChecks(25, 3);
    RegionResult r = run(Harness.oneRegion("analysis: {failureLimit: 3}\nsoak: 0s\n"));
    assertEquals(RegionOutcome.ROLLED_BACK, r.outcome());
    assertEquals(2, r.stage());
    assertTrue(r.reason().contains("error-rate 5% > 0.8%, 3 consecutive checks"), r.reason());
    assertEquals(Verdict.FAIL, r.lastVerdict().verdict());
    assertEquals(0, world.weights.get("us-east"));
  }

  private void noDataAt25() {
    world.metrics =
        (r, w, q, check) ->
            w == 25 && q.equals("error-rate") ? null : SandboxWorld.healthy(r, w, q, check);
  }

  @Test
  void noDataHoldsAndAlertsUntilResumed() {
    noDataAt25();
    ReleaseSpec spec = Harness.oneRegion("analysis: {noData: hold}\nsoak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    RegionStatus held = awaitHolding(release);
    assertEquals(25, held.weight());
    assertTrue(held.reason().contains("no usable data"), held.reason());
    h.env.sleep(Duration.ofHours(6));
    assertEquals(RegionPhase.HOLDING, us(release).phase(), "a hold never times out silently");
    assertEquals(25, world.weights.get("us-east"));
    assertTrue(
        world.events.stream()
            .anyMatch(
                e -> e.type() == EventType.ATTENTION && e.message().contains("holding at 25%")));

    release.resume(new Control("bob", "metrics pipeline fixed", null));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    var timeline = h.regionTimeline(spec, "us-east");
    assertTrue(
        timeline.stream()
            .anyMatch(
                d ->
                    d.kind() == DecisionKind.STAGE_LET_THROUGH
                        && d.who().equals("bob")
                        && d.why().contains("without a verdict: no usable data")),
        "a person's resume without a verdict is their decision: " + timeline);
    assertFalse(
        timeline.stream().anyMatch(d -> d.what().equals("stage 2 passed")),
        "a stage let through is never recorded as passed");
  }

  @Test
  void promotionRollsStableOutBeforeTrafficMovesAndScalesTheCanaryDownLast() {
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    List<String> calls = List.copyOf(world.calls);
    int promote = calls.indexOf("promote us-east");
    int back = calls.lastIndexOf("weight us-east 0");
    int down = calls.lastIndexOf("scale-down us-east");
    assertTrue(promote > calls.indexOf("weight us-east 100"), calls.toString());
    assertTrue(promote < back && back < down, "promote, traffic to stable, canary down: " + calls);
    assertEquals(Harness.IMAGE, world.inPlace.get("us-east"));
    assertFalse(world.retired.contains("us-east"), "the promoted stable is never retired");
  }

  @Test
  void aBreachDuringTheSoakRestoresThePreviousTemplateOnStable() {
    ReleaseSpec spec = Harness.oneRegion("soak: 2h\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(
        release, x -> x.regions().get(0).phase() == RegionPhase.WATCHING, Duration.ofHours(2));
    assertEquals(Harness.IMAGE, world.inPlace.get("us-east"), "promoted before the soak");
    world.metrics =
        (r, w, q, c) -> q.equals("error-rate") ? 0.05 : SandboxWorld.healthy(r, w, q, c);
    ReleaseResult result = h.result(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    assertEquals(
        "previous", world.inPlace.get("us-east"), "stable took its previous template back");
    assertEquals(0, world.weights.get("us-east"), "traffic stays on the stable backend");
    List<String> calls = List.copyOf(world.calls);
    assertTrue(
        calls.indexOf("restore-stable us-east") > calls.indexOf("promote us-east"),
        calls.toString());
  }

  @Test
  void noDataRollsBackWhenTheSpecSaysSo() {
    noDataAt25();
    RegionResult r = run(Harness.oneRegion("analysis: {noData: rollback}\n"));
    assertEquals(RegionOutcome.ROLLED_BACK, r.outcome());
    assertTrue(r.reason().contains("no usable data"), r.reason());
    assertEquals(0, world.weights.get("us-east"));
  }

  @Test
  void noDataProceedsWithAnAlertWhenTheSpecSaysSo() {
    noDataAt25();
    ReleaseSpec spec = Harness.oneRegion("analysis: {noData: proceed}\nsoak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertTrue(
        h.regionTimeline(spec, "us-east").stream()
            .anyMatch(d -> d.what().equals("proceeding without a verdict")),
        "proceeding is recorded, never silent");
    assertTrue(world.events.stream().anyMatch(e -> e.type() == EventType.ATTENTION));
  }

  @Test
  void anUnreachableMetricsProviderHoldsByDefault() {
    world.metrics =
        (r, w, q, check) -> {
          if (w == 50) {
            throw new IllegalStateException("prometheus: connection refused");
          }
          return SandboxWorld.healthy(r, w, q, check);
        };
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    RegionStatus held = awaitHolding(release);
    assertTrue(held.reason().contains("metrics unavailable"), held.reason());
    assertEquals(50, held.weight());
  }

  @Test
  void blueGreenRollsBackInsideTheRollbackWindow() {
    world.breach("us-east", 100, "error-rate", 0.03);
    RegionResult r = run(Harness.oneRegion("strategy:\n  blueGreen: {rollbackWindow: 30m}\n"));
    assertEquals(RegionOutcome.ROLLED_BACK, r.outcome());
    assertEquals(List.of(100, 0), world.weightHistory.get("us-east"));
    assertEquals("scaled-down", world.newVersion.get("us-east"));
    assertFalse(world.retired.contains("us-east"), "blue stays to take the traffic back");
  }

  @Test
  void blueGreenNeverSwitchesToAnUnhealthyGreen() {
    world.unhealthyNew.add("us-east");
    RegionResult r =
        run(
            Harness.oneRegion(
                "strategy:\n  blueGreen: {healthCheckTries: 3, healthCheckInterval: 10s}\n"));
    assertEquals(RegionOutcome.FAILED, r.outcome());
    assertTrue(r.reason().contains("pods not ready"), r.reason());
    assertFalse(world.weights.containsKey("us-east"), "no traffic moved");
    assertEquals("scaled-down", world.newVersion.get("us-east"));
    assertEquals(3, world.calls.stream().filter(c -> c.equals("verify us-east")).count());
  }

  @Test
  void aRollingUpdateIsUndoneOnABreach() {
    world.breach("us-east", 0, "p95-latency", 0.9);
    RegionResult r =
        run(
            SpecWithTraffic.none(
                "strategy:\n  rolling: {maxSurge: 25%, maxUnavailable: 0, hold: 10m}\n"));
    assertEquals(RegionOutcome.ROLLED_BACK, r.outcome());
    assertEquals("previous", world.inPlace.get("us-east"));
  }

  @Test
  void aStagedRollbackStepsDownThroughThePassedWeights() {
    world.breach("us-east", 75, "error-rate", 0.05);
    RegionResult r = run(Harness.oneRegion("strategy:\n  canary: {rollback: staged}\n"));
    assertEquals(RegionOutcome.ROLLED_BACK, r.outcome());
    assertEquals(List.of(10, 25, 50, 75, 50, 25, 10, 0), world.weightHistory.get("us-east"));
  }

  @Test
  void aStageGateWaitsWatchedAtThePreviousWeightUntilApproved() {
    ReleaseSpec spec =
        Harness.oneRegion(
            """
            strategy:
              canary:
                stages:
                  - {weight: 25%, hold: 5m}
                  - {weight: 50%, hold: 5m, gate: true}
                  - {weight: 100%, hold: 10m}
            approval: {approvers: {bob: [sre]}, timeout: 24h}
            soak: 0s
            """);
    ReleaseWorkflow release = h.start(spec);
    var waiting = h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofHours(1));
    assertEquals("stage:us-east:2", waiting.pendingApprovals().get(0).gate());
    h.env.sleep(Duration.ofHours(2));
    assertEquals(25, world.weights.get("us-east"), "the gate holds the previous weight");
    assertEquals(RegionPhase.AWAITING_APPROVAL, us(release).phase());
    assertTrue(us(release).lastVerdict().checks() > 0, "and keeps watching it");

    release.approve(new Approval(null, "bob", "sre", "looks good"));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertEquals(List.of(25, 50, 100, 0), world.weightHistory.get("us-east"));
  }

  @Test
  void theStatusCarriesTheLastVerdictWithItsMeasuredValues() {
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    RegionStatus s =
        h.awaitStatus(release, x -> x.regions().get(0).stage() == 3, Duration.ofHours(1))
            .regions()
            .get(0);
    assertEquals(Verdict.PASS, s.lastVerdict().verdict());
    assertTrue(
        s.lastVerdict().last().stream()
            .anyMatch(q -> q.name().equals("p95-latency") && q.value() == 0.120),
        s.lastVerdict().toString());
    assertTrue(
        h.regionTimeline(spec, "us-east").stream()
            .anyMatch(d -> d.what().equals("stage 2 passed")));
  }

  /** A one-region spec whose traffic layer is {@code none}, for rolling updates. */
  private static final class SpecWithTraffic {
    static ReleaseSpec none(String extra) {
      return io.glidepath.spec.SpecParser.parse(
          Harness.yaml(extra, "us-east")
              .replace(
                  "{type: gateway-api, route: checkout, stableBackend: checkout, canaryBackend:"
                      + " checkout-canary}",
                  "{type: none}"),
          "test spec");
    }
  }
}
