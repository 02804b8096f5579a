package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ApprovalGate;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.ReleaseResult.Baseline;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The revert's spec: what served before, its regions, its plan, and refusals that say why. */
class RevertSpecTest {
  static final ReleaseSpec LAST =
      io.glidepath.spec.SpecParser.parse(
          Harness.yaml(
              """
              rollout: {mode: delayed, delay: 90m}
              approval: {gates: [release, go-live], approvers: anyone}
              soak: 24h
              """,
              "us-east",
              "eu-west",
              "apac"),
          "test spec");

  static final Map<String, Baseline> BEFORE =
      Map.of(
          "us-east", new Baseline("2.3.0", "ghcr.io/acme/checkout:2.3.0"),
          "eu-west", new Baseline("2.3.0", "ghcr.io/acme/checkout:2.3.0"),
          "apac", new Baseline("2.3.0", "ghcr.io/acme/checkout:2.3.0"));

  @Test
  void anImmediateRevertMovesEveryRegionAtOnceWithoutDelayGateOrSoak() {
    ReleaseSpec r = Revert.spec(LAST, BEFORE, null, Revert.Pace.IMMEDIATE);
    assertEquals("2.3.0", r.version());
    assertEquals(RegionMode.PARALLEL, r.rollout().mode());
    assertNull(r.rollout().delay());
    assertEquals(RegionFailurePolicy.CONTINUE, r.rollout().onRegionFailure());
    assertEquals(StrategyType.BLUE_GREEN, r.strategy().type());
    assertEquals(1, r.strategy().stageCount());
    assertEquals(Revert.IMMEDIATE_WATCH, r.strategy().blueGreen().rollbackWindow());
    assertEquals(Duration.ofSeconds(2), r.strategy().blueGreen().healthCheckInterval());
    assertEquals(Duration.ZERO, r.soak());
    assertEquals(List.of(), r.approval().gates());
    assertTrue(SpecValidator.validate(r).isEmpty(), () -> SpecValidator.validate(r).toString());
    assertEquals(
        "immediate: every region at once (us-east, eu-west, apac), no delay between regions, no"
            + " approval gate; each switches 100% to 2.3.0 as soon as its pods are ready (checked"
            + " every 2s), is watched 1m, then promoted as stable; no soak: the revert ends with"
            + " the promotions",
        Revert.plan(r));

    ReleaseSpec now = Revert.spec(LAST, BEFORE, null, Revert.Pace.IMMEDIATE_PROMOTED_AT_ONCE);
    assertEquals(Duration.ZERO, now.strategy().blueGreen().rollbackWindow());
    assertTrue(Revert.plan(now).contains("then is promoted as stable at once"), Revert.plan(now));
  }

  @Test
  void anImmediateRevertOfAReleaseWithReviewersAndApproversIsValid() {
    ReleaseSpec gated =
        io.glidepath.spec.SpecParser.parse(
            Harness.yaml(
                """
                approval:
                  gates: [release]
                  required: {reviewer: 1}
                  approvers: {bo: [reviewer], olga: [reviewer]}
                  timeout: 2h
                  onTimeout: abort
                """,
                "us-east"),
            "test spec");
    ReleaseSpec r =
        Revert.spec(
            gated,
            Map.of("us-east", BEFORE.get("us-east")),
            null,
            Revert.Pace.IMMEDIATE_PROMOTED_AT_ONCE);
    assertEquals(List.of(), r.approval().gates());
    assertTrue(SpecValidator.validate(r).isEmpty(), () -> SpecValidator.validate(r).toString());
    ReleaseSpec staged =
        Revert.spec(gated, Map.of("us-east", BEFORE.get("us-east")), null, Revert.Pace.STAGED);
    assertEquals(gated.approval(), staged.approval(), "a staged revert keeps its gates");
  }

  @Test
  void aStagedRevertKeepsTheReleasesModeGatesAndSoak() {
    ReleaseSpec r = Revert.spec(LAST, BEFORE, null, Revert.Pace.STAGED);
    assertEquals(LAST.rollout(), r.rollout());
    assertEquals(List.of(ApprovalGate.RELEASE, ApprovalGate.GO_LIVE), r.approval().gates());
    assertEquals(Duration.ofHours(24), r.soak());
    assertEquals(StrategyType.CANARY, r.strategy().type());
    assertEquals(
        "staged: canary 25/50/100 in us-east, eu-west, apac, delayed (1h30m between), soak 24h",
        Revert.plan(r));
  }

  @Test
  void regionsThatServedDifferentVersionsBeforeAreRevertedOneAtATime() {
    Map<String, Baseline> before =
        Map.of(
            "us-east", new Baseline("1.4.0", "ghcr.io/acme/cart:1.4.0"),
            "eu-west", new Baseline("1.3.9", "ghcr.io/acme/cart:1.3.9"),
            "apac", new Baseline("1.4.0", "ghcr.io/acme/cart:1.4.0"));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Revert.spec(LAST, before, null, Revert.Pace.STAGED));
    assertTrue(
        e.getMessage()
            .contains(
                "the regions served different versions before release-checkout (2.4.0): apac"
                    + " 1.4.0, eu-west 1.3.9, us-east 1.4.0; revert one region at a time with"
                    + " --region"),
        e.getMessage());
    ReleaseSpec one = Revert.spec(LAST, before, "eu-west", Revert.Pace.IMMEDIATE);
    assertEquals("1.3.9", one.version());
    assertEquals("ghcr.io/acme/cart:1.3.9", one.image());
    assertEquals(1, one.regions().size());
  }

  @Test
  void nothingRecordedBeforeIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Revert.spec(LAST, Map.of(), null, Revert.Pace.IMMEDIATE));
    assertTrue(e.getMessage().contains("recorded no version that served before it"));
    var mars =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Revert.spec(
                    LAST, Map.of("us-east", new Baseline("1", "i:1")), "mars", Revert.Pace.STAGED));
    assertTrue(mars.getMessage().contains("has no region mars"), mars.getMessage());
  }
}
