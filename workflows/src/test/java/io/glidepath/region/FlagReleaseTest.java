package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.ReleasePhase;
import io.glidepath.testing.Harness;
import io.glidepath.traffic.FlagStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A flag release: the stages move a flagd flag, nothing is deployed, promotion is the flag's. */
class FlagReleaseTest {
  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;
  private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    h.close();
  }

  static ReleaseSpec flagSpec(String keepAllowlist) {
    return SpecParser.parse(
        """
        service: checkout
        version: new-checkout-1
        regions:
          - name: us-east
            cluster: prod-us-east
            namespace: shop
            deployment: {stable: checkout}
            traffic:
              type: flagd
              flag: new-checkout
              allowlistAttribute: email
              allowlist: ana@example.com,bo@example.com
              keepAllowlist: %s
        strategy:
          canary:
            stages:
              - {weight: 0, hold: 5m}
              - {weight: 10, hold: 5m}
              - {weight: 50, hold: 5m}
              - {weight: 100, hold: 5m}
        soak: 0s
        """
            .formatted(keepAllowlist),
        "flag spec");
  }

  private void recordSteps() {
    world.beforeShift =
        change -> {
          FlagStep f = change.flag();
          steps.add(
              change.weight()
                  + (f == null ? " no flag" : (f.allowlist() ? " +allowlist" : ""))
                  + (f != null && f.promoted() ? " promoted" : ""));
        };
  }

  @Test
  void aFlagReleaseMovesTheFlagThroughItsStagesAndPromotesWithoutDeploying() {
    recordSteps();
    ReleaseSpec spec = flagSpec("false");
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertEquals(
        List.of("0 +allowlist", "10 +allowlist", "50 +allowlist", "100 +allowlist", "100 promoted"),
        steps);
    assertFalse(
        world.calls.stream()
            .anyMatch(
                c ->
                    c.startsWith("deploy ")
                        || c.startsWith("verify ")
                        || c.startsWith("promote ")
                        || c.startsWith("scale-down ")
                        || c.startsWith("retire ")),
        "a flag release deploys nothing: " + world.calls);
    var timeline = h.regionTimeline(spec, "us-east");
    assertTrue(
        timeline.stream()
            .anyMatch(
                d ->
                    d.kind() == DecisionKind.PROMOTED
                        && d.why().contains("feature new-checkout: on is the default variant")),
        timeline.toString());
  }

  @Test
  void aBreachPutsTheNewVariantAt0AndKeepsTheAllowlistWhenAsked() {
    recordSteps();
    world.breach("us-east", 50, "error-rate", 0.5);
    ReleaseSpec spec = flagSpec("true");
    h.start(spec);
    var result = h.result(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    assertEquals(List.of("0 +allowlist", "10 +allowlist", "50 +allowlist", "0 +allowlist"), steps);
  }

  @Test
  void withoutKeepAllowlistARollbackTakesTheAllowlistOffToo() {
    recordSteps();
    world.breach("us-east", 10, "error-rate", 0.5);
    ReleaseSpec spec = flagSpec("false");
    h.start(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, h.result(spec).regions().get(0).outcome());
    assertEquals(List.of("0 +allowlist", "10 +allowlist", "0"), steps);
  }
}
