package io.glidepath.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.Revert;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code release revert} of a release into an environment, on the time-skipping server with the
 * sandbox world: the ledger starts the revert, the environment then runs the version reverted to,
 * and the reverted version is blocked downstream, with who and why, until a person overrides.
 */
class EnvironmentLedgerRevertTest {
  static final String OLD = SandboxWorld.STABLE_VERSION;

  final Harness h = new Harness();
  final EnvironmentClient ledgers = new EnvironmentClient(h.client);

  @AfterEach
  void close() {
    h.close();
  }

  String deliver(String environment, String version) {
    List<EnvironmentRule> order =
        EnvironmentClient.order(
            io.glidepath.spec.SpecParser.parseEnvironments(
                EnvironmentLedgerTest.SPEC.replace("2.4.0", version),
                "spec",
                io.glidepath.spec.SpecValidator.Limits.RELEASE));
    return ledgers.deliver(
        environment,
        order,
        new ReleaseRequest(EnvironmentLedgerTest.env(environment, version).release(), "alice"));
  }

  EnvironmentRun awaitEnd(String environment, String version) {
    for (int i = 0; i < 200; i++) {
      EnvironmentRun r =
          PromotionRules.last(ledgers.status("checkout").runs(), environment, version);
      if (r != null && r.outcome() != RunOutcome.RUNNING) {
        return r;
      }
      h.env.sleep(Duration.ofSeconds(15));
    }
    throw new AssertionError("never ended: " + ledgers.status("checkout"));
  }

  /** 2.4.0 through dev and staging, completed in both; the revert of its staging release. */
  ReleaseSpec revertOfStaging() {
    deliver("dev", "2.4.0");
    assertEquals(RunOutcome.COMPLETED, awaitEnd("dev", "2.4.0").outcome());
    deliver("staging", "2.4.0");
    assertEquals(RunOutcome.COMPLETED, awaitEnd("staging", "2.4.0").outcome());
    // What the staging release's preflight recorded as serving before it (its result's before()),
    // written here: waiting on a result lets the time-skipping server jump its clock to the
    // ledger's default execution timeout, ten years on, and time the ledger out.
    Map<String, ReleaseResult.Baseline> before =
        Map.of(
            "staging", new ReleaseResult.Baseline(OLD, "ghcr.io/acme/checkout:" + OLD, List.of()));
    ReleaseSpec revert =
        Revert.spec(
            EnvironmentLedgerTest.env("staging", "2.4.0").release(),
            before,
            null,
            Revert.Pace.IMMEDIATE_PROMOTED_AT_ONCE);
    assertEquals("staging", revert.environment(), "a revert goes where its release went");
    assertEquals(OLD, revert.version());
    return revert;
  }

  @Test
  void aRevertIsRecordedAndBlocksTheRevertedVersionDownstreamUntilAnOverride() {
    ReleaseSpec revert = revertOfStaging();

    WorkflowUpdateException noReason =
        assertThrows(
            WorkflowUpdateException.class,
            () -> ledgers.revert("2.4.0", new ReleaseRequest(revert, "olga"), " "));
    assertTrue(noReason.getCause().getMessage().contains("--reason"), noReason.getMessage());
    assertEquals(
        RunOutcome.COMPLETED,
        PromotionRules.last(ledgers.status("checkout").runs(), "staging", "2.4.0").outcome(),
        "a refused revert records nothing");

    String said =
        ledgers.revert("2.4.0", new ReleaseRequest(revert, "olga"), "p99 doubled, INC-12");
    assertTrue(said.contains("2.4.0 in staging is reverted to " + OLD), said);
    LedgerState during = ledgers.status("checkout");
    assertEquals(OLD, during.running().version(), "the revert runs as the ledger's release");
    assertEquals("staging", during.running().environment());
    String busy = refusalOf(() -> deliver("dev", "2.5.0"));
    assertTrue(busy.contains("checkout is being released: " + OLD + " to staging"), busy);

    EnvironmentRun back = awaitEnd("staging", OLD);
    assertEquals(RunOutcome.COMPLETED, back.outcome(), back.toString());
    assertEquals(
        "ghcr.io/acme/checkout:" + OLD, h.world.inPlace.get("staging"), "staging runs " + OLD);
    assertTrue(
        h.world.events.stream()
            .anyMatch(e -> "staging".equals(e.environment()) && e.subject().contains(OLD)),
        "the revert's cards name the environment: " + h.world.events);

    LedgerState s = ledgers.status("checkout");
    EnvironmentRun reverted = PromotionRules.last(s.runs(), "staging", "2.4.0");
    assertEquals(RunOutcome.REVERTED, reverted.outcome());
    assertEquals("olga", reverted.by());
    assertTrue(reverted.note().contains("p99 doubled, INC-12"), reverted.note());
    Decision d =
        s.timeline().stream()
            .filter(x -> x.kind() == DecisionKind.REVERTED)
            .findFirst()
            .orElseThrow(() -> new AssertionError(s.timeline().toString()));
    assertEquals("olga", d.who());
    assertEquals("2.4.0 in staging reverted to " + OLD, d.what());
    assertEquals("p99 doubled, INC-12", d.why());
    assertTrue(
        s.timeline().stream()
            .anyMatch(
                x ->
                    x.kind() == DecisionKind.RELEASE_ENDED
                        && x.what().equals(OLD + " in staging: completed")),
        s.timeline().toString());

    List<EnvironmentRow> rows = EnvironmentsView.rows(s, h.env.currentTimeMillis());
    assertEquals("2.4.0", rows.get(0).version(), "dev keeps what it runs");
    assertEquals(OLD, rows.get(1).version(), "staging runs the version reverted to");
    assertEquals(RunOutcome.REVERTED, rows.get(1).last().outcome());
    assertEquals("2.4.0", rows.get(1).last().version());
    assertFalse(rows.get(1).verified(), OLD + " only just came back to staging");
    assertEquals(OLD, rows.get(2).candidate(), "prod is offered what staging runs now, not 2.4.0");
    assertFalse(rows.get(2).admission().allowed(), "once it ran in staging again for 1h");

    // Blocked whatever the time: a bad outcome upstream is checked before any soak, so no sleep
    // (one ran in real time for three minutes in a clean build, see below).
    String refused = refusalOf(() -> deliver("prod", "2.4.0"));
    assertTrue(
        refused.contains(
            "refused, nothing was started: 2.4.0 is blocked: it was reverted in staging"),
        refused);
    assertTrue(refused.contains("p99 doubled, INC-12"), refused);
    assertTrue(refused.contains("glidepath env override checkout 2.4.0 --to prod"), refused);
    assertEquals(List.of(), h.world.weightHistory.getOrDefault("us-east", List.of()));

    ledgers.override(
        "checkout",
        new Ruling("2.4.0", "prod", "bo", null, "INC-12 was the database, not 2.4.0", 0));
    String admitted = deliver("prod", "2.4.0");
    assertTrue(admitted.contains("let through by bo"), admitted);
    assertEquals("prod", ledgers.status("checkout").running().environment(), "prod's release runs");
    // Not awaited to its end: now and then after a revert the time-skipping server stops skipping
    // (a sleep runs in real time), and prod's canary would take minutes. Its end after an override
    // is EnvironmentsIT's, on the real server.
  }

  @Test
  void aRevertWaitsForTheRunningRelease() {
    ReleaseSpec revert = revertOfStaging();
    deliver("dev", "2.5.0");
    String refused =
        refusalOf(() -> ledgers.revert("2.4.0", new ReleaseRequest(revert, "olga"), "p99"));
    assertTrue(refused.contains("checkout is being released: 2.5.0 to dev since"), refused);
    assertTrue(refused.contains("a revert starts after it ends"), refused);
    assertEquals(
        RunOutcome.COMPLETED,
        PromotionRules.last(ledgers.status("checkout").runs(), "staging", "2.4.0").outcome());
  }

  static String refusalOf(Runnable call) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, call::run);
    return e.getCause().getMessage();
  }
}
