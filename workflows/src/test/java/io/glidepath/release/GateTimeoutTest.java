package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.glidepath.model.Bounds;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.testing.Harness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The longest gate timeout validation accepts never passes a gate early: the deadline arithmetic
 * cannot wrap into the past, so {@code onTimeout: proceed} needs the whole timeout to elapse.
 */
class GateTimeoutTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theLargestAcceptedTimeoutHoldsTheGateUntilItHasElapsed() {
    long hours = Bounds.MAX_APPROVAL_TIMEOUT.toHours();
    ReleaseSpec spec =
        Harness.oneRegion(
            "strategy:\n  canary:\n    stages:\n"
                + "      - {weight: 10, hold: 5m}\n"
                + "      - {weight: 100, hold: 5m, gate: true}\n"
                + "approval: {gates: [release], approvers: anyone, timeout: "
                + hours
                + "h, onTimeout: proceed}\nsoak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    ReleaseStatus waiting =
        h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofMinutes(1));
    assertEquals("release", waiting.pendingApprovals().get(0).gate());
    assertEquals(
        waiting.pendingApprovals().get(0).openedAtMillis() + Bounds.MAX_APPROVAL_TIMEOUT.toMillis(),
        waiting.pendingApprovals().get(0).deadlineMillis(),
        "the deadline is the timeout ahead, not wrapped");
    h.env.sleep(Bounds.MAX_APPROVAL_TIMEOUT.minusHours(1));
    assertEquals(
        "release",
        release.status().pendingApprovals().get(0).gate(),
        "still waiting an hour before the timeout");
    assertFalse(h.world.weights.containsKey("us-east"), "nothing moved without an approval");

    h.env.sleep(Duration.ofHours(2));
    ReleaseStatus atStage =
        h.awaitStatus(
            release,
            s -> s.pendingApprovals().stream().anyMatch(g -> g.gate().startsWith("stage:")),
            Duration.ofHours(1));
    assertEquals("stage:us-east:2", atStage.pendingApprovals().get(0).gate());
    h.env.sleep(Bounds.MAX_APPROVAL_TIMEOUT.minusHours(1));
    assertEquals(10, h.world.weights.get("us-east"), "the stage gate holds the previous weight");
  }
}
