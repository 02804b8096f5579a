package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.client.ReleaseAlreadyRunningException;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.EventType;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.Decision;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.testing.Harness;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseWorkflowTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  private static RegionResult region(ReleaseResult r, String name) {
    return r.regions().stream().filter(x -> x.region().equals(name)).findFirst().orElseThrow();
  }

  private static RegionStatus region(ReleaseStatus s, String name) {
    return s.regions().stream().filter(x -> x.region().equals(name)).findFirst().orElseThrow();
  }

  private long startedAt(ReleaseStatus s, String region) {
    return s.timeline().stream()
        .filter(d -> d.what().equals("region started") && region.equals(d.why()))
        .mapToLong(Decision::atMillis)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The region ended promoted: the stable Deployment runs the new image, all traffic is on the
   * stable backend, the new version's Deployment is at 0, and the old version was never retired.
   */
  private void assertPromoted(String region) {
    assertEquals(0, world.weights.get(region), region + " traffic back on the stable backend");
    assertEquals(Harness.IMAGE, world.inPlace.get(region), region + " stable runs the new image");
    assertEquals("scaled-down", world.newVersion.get(region), region + " canary scaled to 0");
    assertFalse(world.retired.contains(region), region + " has no old version to retire");
  }

  private void assertOnStable(String region) {
    assertEquals(
        0,
        world.weights.get(region),
        () ->
            region + " must end with 100% on stable: " + world.calls + " " + regionStatus(region));
    assertEquals("scaled-down", world.newVersion.get(region), region + " new version scaled down");
    assertFalse(world.retired.contains(region), region + " must keep its stable version");
  }

  private Object regionStatus(String region) {
    try {
      return h.client
          .newWorkflowStub(
              io.glidepath.region.RegionRolloutWorkflow.class, "release-checkout-" + region)
          .status();
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  private void assertNothingMoved() {
    assertTrue(world.weights.isEmpty(), "no traffic moved: " + world.calls);
    assertTrue(world.newVersion.isEmpty(), "nothing deployed: " + world.calls);
  }

  private void assertUntouched(String region) {
    assertFalse(world.weights.containsKey(region), region + " traffic must not move");
    assertFalse(world.newVersion.containsKey(region), region + " must not be deployed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "delayed", "parallel"})
  void everyModeReleasesThreeRegions(String mode) {
    ReleaseSpec spec = Harness.spec("rollout: {mode: " + mode + "}\nsoak: 2h\n");
    ReleaseWorkflow release = h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.COMPLETED, result.phase(), result.summary());
    for (String r : List.of("us-east", "eu-west", "apac")) {
      assertEquals(RegionOutcome.COMPLETED, region(result, r).outcome());
      assertPromoted(r);
      assertEquals(List.of(10, 25, 50, 75, 100, 0), world.weightHistory.get(r));
    }
    ReleaseStatus s = release.status();
    long us = startedAt(s, "us-east");
    long eu = startedAt(s, "eu-west");
    long apac = startedAt(s, "apac");
    Duration canary = Duration.ofMinutes(4 * 5 + 30);
    switch (mode) {
      case "parallel" -> {
        assertTrue(Math.abs(eu - us) < 60_000, "all regions start together");
        assertTrue(Math.abs(apac - us) < 60_000, "all regions start together");
      }
      case "sequential" -> {
        assertTrue(eu - us >= canary.toMillis(), "eu-west waits for us-east to finish its canary");
        assertTrue(eu - us < canary.plusMinutes(30).toMillis(), "and starts without a delay");
        assertTrue(apac - eu >= canary.toMillis());
      }
      default -> {
        assertTrue(eu - us >= canary.plusMinutes(90).toMillis(), "90 min delay after us-east");
        assertTrue(apac - eu >= canary.plusMinutes(90).toMillis());
      }
    }
    assertTrue(world.events.stream().anyMatch(e -> e.type() == EventType.SUMMARY));
    assertTrue(
        world.events.stream().allMatch(e -> e.correlationId().startsWith("release-checkout")),
        "every event carries the workflow id as correlation id");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 25, 50, 75, 100})
  void aBreachAtAnyStageRollsBackToStableAndProtectsDownstream(int weight) {
    world.breach("us-east", weight, "error-rate", 0.05);
    ReleaseSpec spec = Harness.spec("soak: 1h\n");
    h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.FAILED, result.phase());
    RegionResult us = region(result, "us-east");
    assertEquals(RegionOutcome.ROLLED_BACK, us.outcome());
    assertEquals(List.of(10, 25, 50, 75, 100).indexOf(weight) + 1, us.stage());
    assertTrue(us.reason().contains("error-rate 5% >"), us.reason());
    assertOnStable("us-east");
    for (String r : List.of("eu-west", "apac")) {
      assertEquals(RegionOutcome.PROTECTED, region(result, r).outcome());
      assertUntouched(r);
    }
    assertTrue(
        world.events.stream()
            .anyMatch(
                e ->
                    e.type() == EventType.ROLLBACK_TRIGGERED
                        && e.region().equals("us-east")
                        && e.weight() == weight
                        && !e.values().isEmpty()),
        "the incident event carries the region, the weight and the measured values");
  }

  @Test
  void haltModeLeavesRegionThreeUntouchedAfterABreachInRegionTwo() {
    world.breach("eu-west", 50, "p95-latency", 0.52);
    ReleaseSpec spec =
        Harness.spec("rollout: {mode: sequential, onRegionFailure: halt}\nsoak: 1h\n");
    h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(RegionOutcome.COMPLETED, region(result, "us-east").outcome());
    assertEquals(RegionOutcome.ROLLED_BACK, region(result, "eu-west").outcome());
    assertTrue(region(result, "eu-west").reason().contains("p95-latency 520 ms > 400 ms"));
    assertEquals(RegionOutcome.PROTECTED, region(result, "apac").outcome());
    assertPromoted("us-east");
    assertOnStable("eu-west");
    assertUntouched("apac");
    assertTrue(result.summary().contains("apac: protected"), result.summary());
  }

  @Test
  void continueModeLetsRegionThreeGoOn() {
    world.breach("eu-west", 50, "p95-latency", 0.52);
    ReleaseSpec spec =
        Harness.spec("rollout: {mode: sequential, onRegionFailure: continue}\nsoak: 1h\n");
    h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.FAILED, result.phase());
    assertEquals(RegionOutcome.COMPLETED, region(result, "us-east").outcome());
    assertEquals(RegionOutcome.ROLLED_BACK, region(result, "eu-west").outcome());
    assertEquals(RegionOutcome.COMPLETED, region(result, "apac").outcome());
    assertPromoted("apac");
  }

  @Test
  void abortMidStagePutsTrafficBackOnStable() {
    ReleaseSpec spec = Harness.spec("");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> region(s, "us-east").weight() == 25, Duration.ofHours(1));
    release.abort(new Control("bob", "customer complaints", null));
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.ABORTED, result.phase());
    assertEquals(RegionOutcome.ABORTED, region(result, "us-east").outcome());
    assertEquals(RegionOutcome.NOT_STARTED, region(result, "eu-west").outcome());
    assertOnStable("us-east");
    assertUntouched("eu-west");
    assertUntouched("apac");
    assertTrue(result.summary().contains("bob: customer complaints"), result.summary());
  }

  @Test
  void anAbortDuringAShiftWaitsForTheShiftBeforePuttingTrafficBack() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    world.beforeShift =
        change -> {
          if (change.weight() == 50) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ReleaseSpec spec = Harness.spec("");
    ReleaseWorkflow wf = h.start(spec);
    // Waiting for the result lets simulated time run until the shift to 50% blocks.
    var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> h.result(spec));
    assertTrue(entered.await(30, java.util.concurrent.TimeUnit.SECONDS));
    wf.abort(new Control("bob", "stop now", null));
    Thread.sleep(500); // the workflow takes the abort while the shift to 50% is still running
    release.countDown();
    ReleaseResult result = pending.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertEquals(ReleasePhase.ABORTED, result.phase());
    assertEquals(List.of(10, 25, 50, 0), world.weightHistory.get("us-east"));
    assertOnStable("us-east");
  }

  @Test
  void abortDuringTheDelayRollsBackTheFinishedRegion() {
    ReleaseSpec spec = Harness.spec("rollout: {mode: delayed, delay: 90m}\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> s.phase() == ReleasePhase.DELAY, Duration.ofHours(2));
    h.env.sleep(Duration.ofMinutes(30));
    release.abort(new Control("bob", "bad dependency found", null));
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.ABORTED, result.phase());
    assertOnStable("us-east");
    assertUntouched("eu-west");
  }

  @Test
  void cancelDuringTheSoakRollsEveryRegionBack() {
    ReleaseSpec spec = Harness.spec("rollout: {mode: parallel}\nsoak: 24h\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> s.phase() == ReleasePhase.SOAKING, Duration.ofHours(2));
    h.env.sleep(Duration.ofHours(3));
    h.launcher.untyped("checkout").cancel();
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> h.result(spec));
    assertTrue(e.getCause() instanceof CanceledFailure, e.toString());
    for (String r : List.of("us-east", "eu-west", "apac")) {
      assertOnStable(r);
    }
  }

  private static final String APPROVAL =
      "approval:\n  gates: [release]\n  required: {sre: 1, functional: 1}\n"
          + "  approvers: {alice: [sre], bob: [sre], carol: [functional]}\n  timeout: 24h\nsoak: 1h\n";

  @Test
  void anApprovalGateOpensWithTheRequiredRoles() {
    ReleaseSpec spec = Harness.spec(APPROVAL);
    ReleaseWorkflow release = h.start(spec);
    ReleaseStatus waiting =
        h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofMinutes(1));
    assertEquals("release", waiting.pendingApprovals().get(0).gate());
    assertEquals(Map.of("sre", 1, "functional", 1), waiting.pendingApprovals().get(0).missing());
    h.env.sleep(Duration.ofHours(2));
    assertTrue(world.weights.isEmpty(), "nothing moves before approval");

    var afterBob = release.approve(new Approval("release", "bob", "sre", "checked dashboards"));
    assertEquals(Map.of("functional", 1), afterBob.missing());
    release.approve(new Approval(null, "carol", "functional", "release notes ok"));
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.COMPLETED, result.phase());
    List<Decision> timeline = release.status().timeline();
    assertTrue(
        timeline.stream()
            .anyMatch(
                d ->
                    d.who().equals("bob")
                        && d.what().equals("approved release as sre")
                        && d.why().equals("checked dashboards")),
        "who, what and why of each approval are in the timeline");
  }

  @Test
  void theApprovalValidatorRejectsWithAReason() {
    ReleaseSpec spec = Harness.spec(APPROVAL);
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofMinutes(1));

    assertRejected(release, new Approval(null, "mallory", "sre", ""), "not an allowed approver");
    assertRejected(release, new Approval(null, "alice", "sre", ""), "self-approval");
    assertRejected(release, new Approval(null, "Alice", "SRE", ""), "self-approval");
    assertRejected(release, new Approval(null, "al ice", "sre", ""), "the approver may hold only");
    assertRejected(release, new Approval(null, "x".repeat(100_000), "sre", ""), "longer than 64");
    assertRejected(release, new Approval(null, "carol", "sre", ""), "does not hold role sre");
    assertRejected(release, new Approval("region:us-east", "bob", "sre", ""), "is not open");
    release.approve(new Approval(null, "bob", "sre", ""));
    assertRejected(release, new Approval(null, "BOB", "sre", ""), "already approved");

    ReleaseStatus s = release.status();
    assertEquals(1, s.pendingApprovals().get(0).approvals().size(), "rejections record nothing");
    assertTrue(world.weights.isEmpty());
  }

  private static void assertRejected(ReleaseWorkflow release, Approval a, String reason) {
    WorkflowUpdateException e =
        assertThrows(WorkflowUpdateException.class, () -> release.approve(a));
    String message = String.valueOf(e.getCause().getMessage());
    assertTrue(message.contains(reason), "expected '" + reason + "' in: " + message);
  }

  @Test
  void anApprovalGateThatTimesOutAbortsBeforeAnythingMoves() {
    ReleaseSpec spec = Harness.spec(APPROVAL);
    h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.ABORTED, result.phase());
    assertTrue(result.summary().contains("timed out after 24h"), result.summary());
    assertNothingMoved();
  }

  @Test
  void pauseHoldsAtTheCurrentWeightUntilResumed() {
    ReleaseSpec spec = Harness.spec("soak: 1h\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> region(s, "us-east").weight() == 25, Duration.ofHours(1));
    release.pause(new Control("bob", "waiting for the database team", null));
    h.awaitStatus(
        release, s -> region(s, "us-east").phase() == RegionPhase.HOLDING, Duration.ofMinutes(10));
    h.env.sleep(Duration.ofHours(3));
    ReleaseStatus held = release.status();
    assertEquals(25, region(held, "us-east").weight(), "paused region stays at its weight");
    assertTrue(held.paused());
    assertUntouched("eu-west");

    release.resume(new Control("bob", "database ok", null));
    ReleaseResult result = h.result(spec);
    assertEquals(ReleasePhase.COMPLETED, result.phase());
    assertTrue(
        release.status().timeline().stream()
            .anyMatch(d -> d.who().equals("bob") && d.what().equals("paused")));
  }

  @Test
  void rollbackOfOneRegionOnRequest() {
    ReleaseSpec spec =
        Harness.spec("rollout: {mode: parallel, onRegionFailure: continue}\nsoak: 1h\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> region(s, "apac").weight() == 50, Duration.ofHours(1));
    assertThrows(
        WorkflowUpdateException.class,
        () -> release.rollbackRegion(new Control("bob", "", "mars")),
        "an unknown region is refused");
    release.rollbackRegion(new Control("bob", "apac support desk flooded", "apac"));
    ReleaseResult result = h.result(spec);

    assertEquals(RegionOutcome.ROLLED_BACK, region(result, "apac").outcome());
    assertTrue(region(result, "apac").reason().contains("rolled back by bob"));
    assertOnStable("apac");
    assertEquals(RegionOutcome.COMPLETED, region(result, "us-east").outcome());
  }

  @Test
  void aSecondReleaseOfTheSameServiceIsRefused() {
    ReleaseSpec spec = Harness.spec("");
    h.start(spec);
    ReleaseAlreadyRunningException e =
        assertThrows(ReleaseAlreadyRunningException.class, () -> h.launcher.start(spec, "bob"));
    assertTrue(e.getMessage().contains("release-checkout"), e.getMessage());
    assertTrue(e.getMessage().contains("version 2.4.0, requested by alice"), e.getMessage());
  }

  @Test
  void aFailedPreflightMovesNothing() {
    world.unhealthyStable.add("apac");
    ReleaseSpec spec = Harness.spec("");
    h.start(spec);
    ReleaseResult result = h.result(spec);

    assertEquals(ReleasePhase.FAILED, result.phase());
    assertTrue(result.summary().contains("preflight failed"), result.summary());
    assertNothingMoved();
  }

  @Test
  void failingNotificationsNeverBlockARelease() {
    world.notificationsDown = true;
    ReleaseSpec spec = Harness.spec("soak: 1h\n");
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertTrue(world.events.isEmpty());
  }
}
