package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.EventType;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Approval;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionResult;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.testing.Harness;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The error budget as a gate on the time-skipping server: a region under the floor holds before it
 * starts until a person lets it through with a reason; a fast burn during a stage rolls the region
 * back with both windows' burn rate in the verdict; a healthy release reports what each region
 * spent. The budget and burn values come from the sandbox's scripted metrics, read through the same
 * {@code CheckOnce} and {@code ObserveWindow} activities as production.
 */
class BudgetGateTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  static final String SLO = "slo: {minBudget: 25%}\nrollout: {mode: sequential}\nsoak: 1h\n";

  @AfterEach
  void close() {
    h.close();
  }

  private static RegionResult region(ReleaseResult r, String name) {
    return r.regions().stream().filter(x -> x.region().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Each read of a region's budget finds 1% less of it than the read before, from {@code start}.
   */
  private void budgets(Map<String, Double> start) {
    Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    world.metrics =
        (r, w, q, c) -> {
          if (q.startsWith("budget ")) {
            int n = reads.computeIfAbsent(r + q, k -> new AtomicInteger()).getAndIncrement();
            return start.get(r) - 0.01 * n;
          }
          return SandboxWorld.healthy(r, w, q, c);
        };
  }

  @Test
  void aHealthyReleaseReportsWhatEachRegionSpent() {
    budgets(Map.of("us-east", 0.9, "eu-west", 0.8, "apac", 0.7));
    ReleaseSpec spec = Harness.spec(SLO);
    h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.COMPLETED, result.phase());
    assertEquals(List.of("us-east", "eu-west", "apac"), List.copyOf(result.budgets().keySet()));
    // Read at the start (0.9), before us-east starts (0.89), and at the end (0.88).
    ReleaseResult.BudgetSpent us = result.budgets().get("us-east");
    assertEquals(0.89, us.before().get("availability"), 1e-9);
    assertEquals(0.88, us.after().get("availability"), 1e-9);
    assertEquals(
        "availability 89% -> 88% (spent 1%), latency 89% -> 88% (spent 1%)", us.describe());
    assertTrue(
        result.summary().contains("Error budget left: us-east: availability 89% -> 88%"),
        result.summary());
    assertTrue(
        world.events.stream()
            .anyMatch(
                e ->
                    e.type() == EventType.RELEASE_COMPLETED
                        && e.message().contains("eu-west: availability 79% -> 78% (spent 1%)")),
        "the card says what each region spent");
    assertTrue(
        h.launcher.release("checkout").status().timeline().stream()
            .anyMatch(
                d ->
                    d.kind() == DecisionKind.BUDGET
                        && d.what().equals("error budget apac")
                        && d.why().startsWith("spent: availability 69% -> 68%")),
        "the timeline (release status, history, the board) has it too");
  }

  @Test
  void aRegionUnderTheFloorHoldsUntilAPersonLetsItThroughWithAReason() {
    budgets(Map.of("us-east", 0.9, "eu-west", 0.12, "apac", 0.7));
    ReleaseSpec spec = Harness.spec(SLO);
    ReleaseWorkflow release = h.start(spec);
    ReleaseStatus held =
        h.awaitStatus(
            release,
            s -> s.pendingApprovals().stream().anyMatch(g -> g.gate().equals("budget:eu-west")),
            Duration.ofHours(3));
    assertEquals(ReleasePhase.AWAITING_APPROVAL, held.phase());
    String why =
        held.regions().stream()
            .filter(r -> r.region().equals("eu-west"))
            .findFirst()
            .orElseThrow()
            .reason();
    assertTrue(why.contains("error budget is under the floor: availability 11% left < 25%"), why);
    h.env.sleep(Duration.ofHours(2));
    assertTrue(!world.weights.containsKey("eu-west"), "eu-west has not moved");
    assertTrue(
        world.events.stream()
            .anyMatch(
                e ->
                    e.type() == EventType.ATTENTION
                        && "eu-west".equals(e.region())
                        && e.message().contains("--gate budget:eu-west")),
        "the alert says why and how to let it through");

    WorkflowUpdateException refused =
        assertThrows(
            WorkflowUpdateException.class,
            () -> release.approve(new Approval("budget:eu-west", "bob", null, " ")));
    assertTrue(
        String.valueOf(refused.getCause().getMessage()).contains("give the reason with --comment"),
        refused.getCause().getMessage());

    release.approve(
        new Approval("budget:eu-west", "bob", null, "fix for the incident that burned it"));
    ReleaseResult result = h.result(spec);
    assertEquals(ReleasePhase.COMPLETED, result.phase());
    List<Decision> timeline = release.status().timeline();
    assertTrue(
        timeline.stream().anyMatch(d -> d.kind() == DecisionKind.BUDGET_HOLD),
        "the hold is in the timeline");
    assertTrue(
        timeline.stream()
            .anyMatch(
                d ->
                    d.who().equals("bob")
                        && d.what().equals("approved budget:eu-west")
                        && d.why().equals("fix for the incident that burned it")),
        "who let it through and why: " + timeline);
  }

  @Test
  void aFastBurnRollsTheRegionBackWithTheBurnRatesInTheVerdict() {
    world.breach("us-east", 25, "availability burn rate over 1h and 5m", 40.0);
    ReleaseSpec spec = Harness.spec(SLO);
    h.start(spec);
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> h.launcher.untyped("checkout").getResult(ReleaseResult.class));
    ReleaseResult result = h.result(spec);
    assertEquals(ReleasePhase.FAILED, result.phase(), failed.toString());
    RegionResult us = region(result, "us-east");
    assertEquals(RegionOutcome.ROLLED_BACK, us.outcome());
    assertEquals(2, us.stage());
    assertTrue(
        us.reason().contains("availability burn rate over 1h and 5m 40 > 14.4"), us.reason());
    assertTrue(
        world.events.stream()
            .anyMatch(
                e ->
                    e.type() == EventType.ROLLBACK_TRIGGERED
                        && e.values().stream()
                            .anyMatch(
                                v ->
                                    v.name().equals("availability burn rate over 1h and 5m")
                                        && v.value() == 40.0)),
        "the incident card carries the burn rate");
  }
}
