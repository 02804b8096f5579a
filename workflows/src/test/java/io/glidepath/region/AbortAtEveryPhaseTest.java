package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Control;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An abort at any phase of a region, promotion included, ends with the region serving the version
 * it had before, from its stable Deployment, with all traffic there and the new version at 0.
 */
class AbortAtEveryPhaseTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  /** Aborts while the first call named {@code phase} is in flight. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "deploy us-east",
        "verify us-east",
        "weight us-east 25",
        "weight us-east 100",
        "promote us-east",
        "weight us-east 0",
        "scale-down us-east"
      })
  void anAbortMidCallEndsOnThePreviousVersion(String phase) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    world.beforeCall =
        call -> {
          if (call.equals(phase) && first.getAndSet(false)) {
            entered.countDown();
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ReleaseSpec spec = Harness.oneRegion("soak: 1h\n");
    ReleaseWorkflow release = h.start(spec);
    CompletableFuture<ReleaseResult> pending = CompletableFuture.supplyAsync(() -> h.result(spec));
    assertTrue(entered.await(30, TimeUnit.SECONDS), phase + " never ran: " + world.calls);
    release.abort(new Control("bob", "stop at " + phase, null));
    Thread.sleep(300); // the abort lands while the call is still running
    go.countDown();
    assertOnPreviousVersion(pending.get(60, TimeUnit.SECONDS), phase);
  }

  @Test
  void anAbortDuringTheSoakUndoesThePromotion() throws Exception {
    ReleaseSpec spec = Harness.oneRegion("soak: 2h\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(
        release, s -> s.regions().get(0).phase() == RegionPhase.WATCHING, Duration.ofHours(2));
    assertEquals(Harness.IMAGE, world.inPlace.get("us-east"), "promoted before the soak");
    release.abort(new Control("bob", "stop in the soak", null));
    assertOnPreviousVersion(h.result(spec), "soak");
  }

  private void assertOnPreviousVersion(ReleaseResult result, String phase) {
    String where = phase + ": " + world.calls;
    assertEquals(ReleasePhase.ABORTED, result.phase(), where);
    assertEquals(RegionOutcome.ABORTED, result.regions().get(0).outcome(), where);
    Integer weight = world.weights.get("us-east");
    assertTrue(weight == null || weight == 0, "all traffic on the stable backend: " + where);
    assertNotEquals("deployed", world.newVersion.get("us-east"), "new version at 0: " + where);
    assertNotEquals(
        Harness.IMAGE, world.inPlace.get("us-east"), "stable runs the previous version: " + where);
    assertEquals("2.3.0", result.before().get("us-east").version(), "the baseline is recorded");
  }

  @Test
  void anAbortDuringARollbackKeepsTheFirstCause() throws Exception {
    world.breach("us-east", 50, "error-rate", 0.021);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    world.beforeCall =
        call -> {
          if (call.equals("weight us-east 0") && entered.getCount() == 1) {
            entered.countDown();
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ReleaseSpec spec = Harness.spec("rollout: {mode: sequential, onRegionFailure: halt}\n");
    ReleaseWorkflow release = h.start(spec);
    CompletableFuture<ReleaseResult> pending = CompletableFuture.supplyAsync(() -> h.result(spec));
    assertTrue(entered.await(30, TimeUnit.SECONDS), "the rollback never ran: " + world.calls);
    release.abort(new Control("bob", "stop everything", null));
    Thread.sleep(300);
    go.countDown();
    ReleaseResult result = pending.get(60, TimeUnit.SECONDS);
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome(), result.summary());
    assertTrue(
        result.summary().contains("us-east: rolled back at stage 3 (error-rate"),
        "the first cause stays in the summary: " + result.summary());
  }

  @Test
  void anAbortAtAStageGateLeavesNoGateOpen() {
    ReleaseSpec spec =
        Harness.oneRegion(
            """
            strategy:
              canary:
                stages:
                  - {weight: 10, hold: 5m}
                  - {weight: 100, hold: 5m, gate: true}
            approval: {approvers: anyone, timeout: 24h}
            """);
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofHours(1));
    release.abort(new Control("bob", "not today", null));
    assertEquals(ReleasePhase.ABORTED, h.result(spec).phase());
    assertTrue(release.status().pendingApprovals().isEmpty(), "no gate is left open");
    assertTrue(
        h.regionTimeline(spec, "us-east").stream()
            .noneMatch(d -> d.what().equals("gate approved")));
  }
}
