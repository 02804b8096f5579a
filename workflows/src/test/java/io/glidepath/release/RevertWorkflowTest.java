package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Decision;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An immediate revert after a completed three-region sequential release: every region switches back
 * at once (no region waits for another's switch, window or a delay), each only once its pods are
 * ready, and the revert ends with the old version promoted as stable everywhere.
 */
class RevertWorkflowTest {
  static final List<String> REGIONS = List.of("us-east", "eu-west", "apac");
  static final String OLD_IMAGE = "ghcr.io/acme/checkout:" + SandboxWorld.STABLE_VERSION;

  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  /** A sequential blue-green release with the seed's 30-minute rollback window, completed. */
  private ReleaseSpec completedRelease() {
    ReleaseSpec spec =
        Harness.spec("rollout: {mode: sequential}\nstrategy:\n  blueGreen: {}\nsoak: 1h\n");
    assertEquals(Duration.ofMinutes(30), spec.strategy().blueGreen().rollbackWindow());
    h.start(spec);
    ReleaseResult done = h.result(spec);
    assertEquals(ReleasePhase.COMPLETED, done.phase(), done.summary());
    for (String r : REGIONS) {
      assertEquals(Harness.IMAGE, world.inPlace.get(r), r + " stable runs the released image");
    }
    return Revert.spec(spec, done.before(), null, Revert.Pace.IMMEDIATE);
  }

  /** When each region's "what" decision happened (workflow time), from its own timeline. */
  private Map<String, Long> at(ReleaseSpec revert, String what) {
    Map<String, Long> at = new TreeMap<>();
    for (String r : REGIONS) {
      List<Decision> timeline = h.regionTimeline(revert, r);
      at.put(
          r,
          timeline.stream()
              .filter(d -> d.what().equals(what))
              .mapToLong(Decision::atMillis)
              .findFirst()
              .orElseThrow(() -> new AssertionError(r + " has no '" + what + "': " + timeline)));
    }
    return at;
  }

  @Test
  void anImmediateRevertSwitchesEveryRegionAtOnceAndEndsPromoted() {
    ReleaseSpec revert = completedRelease();
    long start = h.env.currentTimeMillis();
    h.start(revert);
    ReleaseResult result = h.result(revert);
    // The end by the regions' own timelines: once every workflow waits, the time-skipping server
    // may jump its clock to any other pending timer, so its time after the result proves nothing.
    long end =
        REGIONS.stream()
            .flatMap(r -> h.regionTimeline(revert, r).stream())
            .mapToLong(Decision::atMillis)
            .max()
            .orElseThrow();

    assertEquals(ReleasePhase.COMPLETED, result.phase(), result.summary());
    Map<String, Long> switched = at(revert, "traffic shifted");
    Map<String, Long> promoted = at(revert, "promoted");
    for (String r : REGIONS) {
      assertEquals(
          RegionOutcome.COMPLETED,
          result.regions().stream().filter(x -> x.region().equals(r)).findFirst().get().outcome());
      long s = switched.get(r) - start;
      assertTrue(s >= 0 && s < 60_000, r + " switched " + s + " ms after the start");
      long p = promoted.get(r) - switched.get(r);
      assertTrue(
          p >= Revert.IMMEDIATE_WATCH.toMillis() && p < Revert.IMMEDIATE_WATCH.toMillis() + 10_000,
          r + " promoted " + p + " ms after its switch");
      // The old version served 100% from the canary backend, then from stable after promotion.
      List<Integer> weights = world.weightHistory.get(r);
      assertEquals(List.of(100, 0), weights.subList(weights.size() - 2, weights.size()), r);
      assertEquals(OLD_IMAGE, world.inPlace.get(r), r + " stable runs the old image again");
      assertEquals("scaled-down", world.newVersion.get(r), r + " canary scaled to 0");
    }
    long spread =
        switched.values().stream().mapToLong(Long::longValue).max().getAsLong()
            - switched.values().stream().mapToLong(Long::longValue).min().getAsLong();
    assertTrue(spread < 5_000, "the regions switch together, not one after another: " + switched);
    assertTrue(
        end - start < 60_000 + Revert.IMMEDIATE_WATCH.toMillis() + 30_000,
        "the revert ends within the switch, the watch and the promotion: " + (end - start) + " ms");
  }

  @Test
  void eachRegionSwitchesOnlyOnceItsPodsAreReadyWithoutHoldingTheOthers() {
    ReleaseSpec revert = completedRelease();
    world.unhealthyNew.add("eu-west");
    long start = h.env.currentTimeMillis();
    h.start(revert);
    h.env.sleep(Duration.ofSeconds(20));
    assertFalse(
        world.weightHistory.get("eu-west").get(world.weightHistory.get("eu-west").size() - 1)
            == 100,
        "eu-west's traffic does not move before its pods are ready");
    world.unhealthyNew.remove("eu-west");
    ReleaseResult result = h.result(revert);

    assertEquals(ReleasePhase.COMPLETED, result.phase(), result.summary());
    Map<String, Long> switched = at(revert, "traffic shifted");
    assertTrue(switched.get("us-east") - start < 5_000, "us-east does not wait: " + switched);
    assertTrue(switched.get("apac") - start < 5_000, "apac does not wait: " + switched);
    long eu = switched.get("eu-west") - start;
    assertTrue(eu >= 20_000 && eu < 30_000, "eu-west switched " + eu + " ms after the start");
    for (String r : REGIONS) {
      assertEquals(OLD_IMAGE, world.inPlace.get(r), r + " stable runs the old image again");
    }
  }

  @Test
  void promotedAtOnceTheRevertEndsRightAfterTheSwitches() {
    ReleaseSpec spec =
        Harness.spec("rollout: {mode: sequential}\nstrategy:\n  blueGreen: {}\nsoak: 1h\n");
    h.start(spec);
    ReleaseResult done = h.result(spec);
    ReleaseSpec revert =
        Revert.spec(spec, done.before(), null, Revert.Pace.IMMEDIATE_PROMOTED_AT_ONCE);
    long start = h.env.currentTimeMillis();
    h.start(revert);
    ReleaseResult result = h.result(revert);
    // Measured by the workflow's own clock: once it ends, the time-skipping server may jump ahead
    // to some other workflow's timeout before the test reads the time.
    long ended =
        h.launcher.release(revert.service()).status().timeline().stream()
            .filter(d -> d.kind() == io.glidepath.status.DecisionKind.RELEASE_ENDED)
            .mapToLong(Decision::atMillis)
            .max()
            .orElseThrow();
    long took = ended - start;

    assertEquals(ReleasePhase.COMPLETED, result.phase(), result.summary());
    assertTrue(took < 30_000, "ended " + took + " ms after the start");
    for (String r : REGIONS) {
      assertEquals(OLD_IMAGE, world.inPlace.get(r), r + " stable runs the old image again");
    }
  }
}
