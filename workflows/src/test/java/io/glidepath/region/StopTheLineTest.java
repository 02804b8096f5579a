package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.flow.LineStop;
import io.glidepath.line.StopTheLine;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import io.glidepath.testing.Harness;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stop-the-line switch: freeze, running releases hold before increasing, unfreeze. */
class StopTheLineTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  private static LineStop freeze(String service, String reason) {
    return new LineStop(service, "alice", "alice@laptop", reason, 0);
  }

  private ReleaseWorkflow atStage2(ReleaseSpec spec) {
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(
        release,
        s -> s.regions().get(0).stage() == 2 && s.regions().get(0).phase() == RegionPhase.OBSERVING,
        Duration.ofHours(1));
    return release;
  }

  @Test
  void aFrozenLineHoldsBeforeTheNextIncreaseUntilItMovesAgain() {
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    ReleaseWorkflow release = atStage2(spec);
    String said = StopTheLine.freeze(h.client, freeze(null, "incident 4711"));
    assertEquals("all releases stopped by alice (via alice@laptop): incident 4711", said);
    var held =
        h.awaitStatus(
            release,
            s -> s.regions().get(0).phase() == RegionPhase.WAITING_FOR_WINDOW,
            Duration.ofHours(1));
    assertTrue(held.regions().get(0).reason().contains("incident 4711"));
    assertEquals(25, held.regions().get(0).weight());
    h.env.sleep(Duration.ofHours(3));
    assertEquals(25, world.weights.get("us-east"), "no increase while the line is stopped");
    assertEquals("incident 4711", StopTheLine.status(h.client).covering("checkout").reason());

    StopTheLine.unfreeze(h.client, freeze(null, "resolved"));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertEquals(List.of(10, 25, 50, 75, 100, 0), world.weightHistory.get("us-east"));
    assertTrue(
        release.status().timeline().stream()
            .anyMatch(d -> d.what().equals("line stopped") && "alice@laptop".equals(d.identity())));
  }

  @Test
  void aRollbackNeverWaitsForTheLine() {
    ReleaseSpec spec = Harness.oneRegion("analysis: {maxWindow: 10m}\nsoak: 0s\n");
    ReleaseWorkflow release = atStage2(spec);
    StopTheLine.freeze(h.client, freeze("checkout", "incident 4711"));
    h.awaitStatus(
        release,
        s -> s.regions().get(0).phase() == RegionPhase.WAITING_FOR_WINDOW,
        Duration.ofHours(1));
    world.metrics =
        (r, w, q, c) -> q.equals("error-rate") ? 0.05 : SandboxWorld.healthy(r, w, q, c);
    assertEquals(RegionOutcome.ROLLED_BACK, h.result(spec).regions().get(0).outcome());
    assertEquals(0, world.weights.get("us-east"));
  }

  @Test
  void theSwitchRefusesWhatIsNotAChange() {
    StopTheLine.freeze(h.client, freeze("cart", "incident 4711"));
    WorkflowUpdateException twice =
        assertThrows(
            WorkflowUpdateException.class,
            () -> StopTheLine.freeze(h.client, freeze("cart", "again")));
    assertTrue(twice.getCause().getMessage().contains("already in force"));
    WorkflowUpdateException none =
        assertThrows(
            WorkflowUpdateException.class,
            () -> StopTheLine.unfreeze(h.client, freeze("checkout", "done")));
    assertTrue(none.getCause().getMessage().contains("the line is not stopped for checkout"));
    WorkflowUpdateException noReason =
        assertThrows(
            WorkflowUpdateException.class, () -> StopTheLine.freeze(h.client, freeze(null, "")));
    assertTrue(noReason.getCause().getMessage().contains("--reason"));
  }
}
