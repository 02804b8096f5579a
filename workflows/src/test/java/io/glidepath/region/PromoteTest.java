package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.testing.Harness;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code release promote}: end a stage early, or go straight to 100% and promotion. */
class PromoteTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  private ReleaseStatus atStage(ReleaseWorkflow release, int stage) {
    return h.awaitStatus(
        release,
        s ->
            s.regions().get(0).stage() == stage
                && s.regions().get(0).phase() == RegionPhase.OBSERVING,
        Duration.ofHours(1));
  }

  @Test
  void promoteEndsTheCurrentStageEarlyAndRecordsWhoDidIt() {
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    atStage(release, 1);
    String answer =
        release.promote(
            new Promotion("bob", "dashboards look clean", "us-east", false, "bob@laptop"));
    assertEquals("advance of us-east requested", answer);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertEquals(List.of(10, 25, 50, 75, 100, 0), world.weightHistory.get("us-east"));
    var timeline = h.regionTimeline(spec, "us-east");
    assertTrue(
        timeline.stream()
            .anyMatch(
                d ->
                    d.kind() == DecisionKind.PROMOTED_EARLY
                        && d.who().equals("bob")
                        && "bob@laptop".equals(d.identity())
                        && d.what().equals("stage 1 ended early by bob")
                        && d.why().equals("dashboards look clean")),
        timeline.toString());
    assertFalse(timeline.stream().anyMatch(d -> d.what().equals("stage 1 passed")));
    assertTrue(
        release.status().timeline().stream()
            .anyMatch(
                d -> d.kind() == DecisionKind.PROMOTED_EARLY && "bob@laptop".equals(d.identity())),
        "the release records the client identity beside the name claimed");
    assertTrue(timeline.stream().anyMatch(d -> d.what().equals("stage 2 passed")));
  }

  @Test
  void promoteFullGoesStraightTo100AndPromotes() {
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    atStage(release, 2);
    release.promote(new Promotion("bob", "hotfix, verified in staging", "us-east", true));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertEquals(List.of(10, 25, 100, 0), world.weightHistory.get("us-east"));
    assertEquals(Harness.IMAGE, world.inPlace.get("us-east"), "promoted to stable");
    assertTrue(
        h.regionTimeline(spec, "us-east").stream()
            .anyMatch(d -> d.what().equals("advanced to 100% by bob")));
  }

  @Test
  void promoteIsRefusedWhereItWouldBypassAPersonOrAGate() {
    ReleaseSpec spec =
        Harness.oneRegion(
            """
            strategy:
              canary:
                stages:
                  - {weight: 10, hold: 5m}
                  - {weight: 50, hold: 5m, gate: true}
                  - {weight: 100, hold: 5m}
            approval: {approvers: anyone, timeout: 24h}
            soak: 0s
            """);
    ReleaseWorkflow release = h.start(spec);
    atStage(release, 1);
    WorkflowUpdateException gate =
        assertThrows(
            WorkflowUpdateException.class,
            () -> release.promote(new Promotion("bob", "skip it", "us-east", true)));
    assertTrue(
        gate.getCause().getMessage().contains("stage 2 of us-east has an approval gate"),
        gate.getCause().getMessage());
    WorkflowUpdateException unknown =
        assertThrows(
            WorkflowUpdateException.class,
            () -> release.promote(new Promotion("bob", "go", "mars", false)));
    assertTrue(unknown.getCause().getMessage().contains("no region mars in this release"));
    WorkflowUpdateException huge =
        assertThrows(
            WorkflowUpdateException.class,
            () -> release.promote(new Promotion("bob", "x".repeat(100_000), "us-east", false)));
    assertTrue(huge.getCause().getMessage().contains("--reason is 100000 characters"));
    h.awaitStatus(
        release,
        s -> s.regions().get(0).phase() == RegionPhase.AWAITING_APPROVAL,
        Duration.ofHours(1));
    WorkflowUpdateException waiting =
        assertThrows(
            WorkflowUpdateException.class,
            () -> release.promote(new Promotion("bob", "go", "us-east", false)));
    assertTrue(
        waiting.getCause().getMessage().contains("approve it instead"),
        waiting.getCause().getMessage());
  }
}
