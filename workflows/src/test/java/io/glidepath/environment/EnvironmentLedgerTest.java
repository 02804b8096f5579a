package io.glidepath.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.EnvironmentSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.testing.Harness;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger on the time-skipping server with the sandbox world: a version goes dev (rolling) ->
 * staging (blue-green) -> prod (canary), is refused before anything moves when it has not earned an
 * environment, and an override with a reason lets a blocked version through, recorded.
 */
class EnvironmentLedgerTest {
  static final String SPEC =
      """
      service: checkout
      version: 2.4.0
      image: ghcr.io/acme/checkout:2.4.0
      analysis: {interval: 10s}
      soak: 0s
      environments:
        - name: dev
          regions:
            - {name: dev, cluster: dev, namespace: shop-dev, deployment: {stable: checkout},
               traffic: {type: none}}
          strategy: {rolling: {hold: 30s}}
        - name: staging
          regions:
            - {name: staging, cluster: staging, namespace: shop-staging,
               deployment: {stable: checkout, canary: checkout-green},
               traffic: {type: service-selector, service: checkout}}
          strategy: {blueGreen: {healthCheckTries: 2, healthCheckInterval: 10s, rollbackWindow: 1m}}
        - name: prod
          verifiedFor: 1h
          regions:
            - {name: us-east, cluster: prod-us-east, namespace: shop, deployment: {stable: checkout},
               traffic: {type: gateway-api, route: checkout, stableBackend: checkout,
                         canaryBackend: checkout-canary}}
          strategy:
            canary:
              stages:
                - {weight: 10%, hold: 1m}
                - {weight: 100%, hold: 1m}
      """;

  final Harness h = new Harness();
  final EnvironmentClient ledgers = new EnvironmentClient(h.client);

  @AfterEach
  void close() {
    h.close();
  }

  static EnvironmentSpec env(String name, String version) {
    return SpecParser.parseEnvironment(
        SPEC.replace("2.4.0", version), "spec", name, SpecValidator.Limits.RELEASE);
  }

  String deliver(String environment, String version, String by) {
    List<EnvironmentSpec> all =
        SpecParser.parseEnvironments(
            SPEC.replace("2.4.0", version), "spec", SpecValidator.Limits.RELEASE);
    return ledgers.deliver(
        environment,
        EnvironmentClient.order(all),
        new ReleaseRequest(env(environment, version).release(), by));
  }

  String refusal(String environment, String version) {
    WorkflowUpdateException e =
        assertThrows(WorkflowUpdateException.class, () -> deliver(environment, version, "alice"));
    return e.getCause().getMessage();
  }

  EnvironmentRun awaitEnd(String environment, String version) {
    Predicate<LedgerState> ended =
        s -> {
          EnvironmentRun r = PromotionRules.last(s.runs(), environment, version);
          return r != null && r.outcome() != RunOutcome.RUNNING;
        };
    for (int i = 0; i < 200; i++) {
      LedgerState s = ledgers.status("checkout");
      if (ended.test(s)) {
        return PromotionRules.last(s.runs(), environment, version);
      }
      h.env.sleep(Duration.ofSeconds(15));
    }
    throw new AssertionError("never ended: " + ledgers.status("checkout"));
  }

  @Test
  void aVersionEarnsItsWayAndAFailureUpstreamBlocksItUntilAPersonOverrides() {
    String refused = refusal("prod", "2.4.0");
    assertTrue(refused.contains("2.4.0 has not run in staging"), refused);
    assertTrue(ledgers.status("checkout").runs().isEmpty(), "nothing recorded or started");

    deliver("dev", "2.4.0", "alice");
    assertEquals(RunOutcome.COMPLETED, awaitEnd("dev", "2.4.0").outcome());
    assertEquals(
        "ghcr.io/acme/checkout:2.4.0",
        h.world.inPlace.get("dev"),
        "dev was updated in place (rolling)");

    h.world.unhealthyNew.add("staging");
    deliver("staging", "2.4.0", "alice");
    EnvironmentRun staging = awaitEnd("staging", "2.4.0");
    assertEquals(RunOutcome.ROLLED_BACK, staging.outcome(), staging.toString());
    assertTrue(
        h.world.events.stream()
            .anyMatch(
                e ->
                    "staging".equals(e.environment())
                        && "staging".equals(e.region())
                        && e.subject().equals("checkout 2.4.0 (staging)")),
        "cards name the environment: " + h.world.events);

    refused = refusal("prod", "2.4.0");
    assertTrue(refused.contains("2.4.0 is blocked: it rolled back in staging"), refused);
    assertTrue(refused.contains("glidepath env override checkout 2.4.0 --to prod"), refused);
    assertEquals(List.of(), h.world.weightHistory.getOrDefault("us-east", List.of()));

    WorkflowUpdateException noReason =
        assertThrows(
            WorkflowUpdateException.class,
            () -> ledgers.override("checkout", new Ruling("2.4.0", "prod", "olga", null, " ", 0)));
    assertTrue(noReason.getCause().getMessage().contains("--reason"));

    ledgers.override(
        "checkout",
        new Ruling("2.4.0", "prod", "olga", "olga@laptop", "staging's green pool was broken", 0));
    String admitted = deliver("prod", "2.4.0", "alice");
    assertTrue(admitted.contains("let through by olga"), admitted);
    EnvironmentRun prod = awaitEnd("prod", "2.4.0");
    assertEquals(RunOutcome.COMPLETED, prod.outcome(), prod.toString());
    assertTrue(h.world.weightHistory.get("us-east").contains(10), "prod ran its canary");

    LedgerState s = ledgers.status("checkout");
    Decision override =
        s.timeline().stream()
            .filter(d -> d.kind() == DecisionKind.OVERRIDDEN)
            .findFirst()
            .orElseThrow();
    assertEquals("olga", override.who());
    assertEquals("olga@laptop", override.identity());
    assertEquals("staging's green pool was broken", override.why());
    assertTrue(s.overrides().isEmpty(), "an override is used once");
    List<EnvironmentRow> rows = EnvironmentsView.rows(s, h.env.currentTimeMillis());
    assertEquals("2.4.0", rows.get(2).version());
    assertFalse(rows.get(2).verified(), "let in over a rollback upstream: not verified");
    assertTrue(
        s.timeline().stream()
            .anyMatch(
                d ->
                    d.kind() == DecisionKind.DELIVERED
                        && d.what().equals("2.4.0 to prod")
                        && d.why().contains("let through by olga")),
        s.timeline().toString());
  }

  @Test
  void prodTakesAVersionOnlyAfterItsSoakInStagingAndSaysFromWhen() {
    deliver("dev", "2.5.0", "alice");
    awaitEnd("dev", "2.5.0");
    deliver("staging", "2.5.0", "alice");
    EnvironmentRun staging = awaitEnd("staging", "2.5.0");
    assertEquals(RunOutcome.COMPLETED, staging.outcome(), staging.toString());

    String refused = refusal("prod", "2.5.0");
    String due = PromotionRules.time(staging.endedMillis() + Duration.ofHours(1).toMillis());
    assertTrue(refused.contains("takes it once it ran there 1h: from " + due), refused);

    List<EnvironmentRow> rows =
        EnvironmentsView.rows(ledgers.status("checkout"), staging.endedMillis() + 1000);
    assertEquals("2.5.0", rows.get(1).version());
    assertFalse(rows.get(1).verified());
    assertEquals("2.5.0", rows.get(2).candidate());
    assertFalse(rows.get(2).admission().allowed());

    h.env.sleep(Duration.ofHours(1));
    String admitted = deliver("prod", "2.5.0", "alice");
    assertTrue(admitted.contains("ran there 1h since"), admitted);
    assertEquals(RunOutcome.COMPLETED, awaitEnd("prod", "2.5.0").outcome());

    // a failed verification recorded in staging blocks the version from prod again
    ledgers.failVerification(
        "checkout", new Ruling("2.5.0", "staging", "bo", null, "p99 650ms in staging smoke", 0));
    List<EnvironmentRow> after =
        EnvironmentsView.rows(ledgers.status("checkout"), Long.MAX_VALUE / 2);
    assertFalse(after.get(1).verified());
    assertEquals("2.5.0", after.get(2).version(), "prod keeps what it runs");
    String blocked =
        PromotionRules.admit(ledgers.status("checkout"), "prod", "2.5.0", Long.MAX_VALUE / 2)
            .reason();
    assertTrue(blocked.contains("failed its verification in staging"), blocked);
    assertTrue(blocked.contains("p99 650ms in staging smoke"), blocked);
  }

  @Test
  void aLedgerContinuedAsNewKeepsItsRecordAndItsRules() {
    long longAgo = h.env.currentTimeMillis() - Duration.ofDays(2).toMillis();
    List<EnvironmentRule> order =
        EnvironmentClient.order(
            SpecParser.parseEnvironments(SPEC, "spec", SpecValidator.Limits.RELEASE));
    LedgerState carried =
        new LedgerState(
            "checkout",
            order,
            List.of(
                new EnvironmentRun(
                    "staging",
                    "2.4.0",
                    "img",
                    "alice",
                    longAgo,
                    longAgo + 1000,
                    RunOutcome.COMPLETED,
                    null),
                new EnvironmentRun(
                    "staging",
                    "2.3.9",
                    "img",
                    "alice",
                    longAgo,
                    longAgo + 1000,
                    RunOutcome.ROLLED_BACK,
                    "p95 breach")),
            List.of(),
            List.of(
                new Decision(
                    longAgo, "olga", "2.3.9 may enter prod", "why", DecisionKind.OVERRIDDEN)));
    io.temporal.client.WorkflowClient.start(
        h.client.newWorkflowStub(
                EnvironmentLedgerWorkflow.class,
                io.temporal.client.WorkflowOptions.newBuilder()
                    .setWorkflowId(EnvironmentLedgerWorkflow.id("checkout"))
                    .setTaskQueue(io.glidepath.client.ReleaseLauncher.TASK_QUEUE)
                    .build())
            ::run,
        carried);
    LedgerState s = ledgers.status("checkout");
    assertEquals(2, s.runs().size());
    assertEquals("olga", s.timeline().get(0).who());
    assertTrue(refusal("prod", "2.3.9").contains("2.3.9 is blocked: it rolled back in staging"));
    String admitted = deliver("prod", "2.4.0", "alice");
    assertTrue(admitted.contains("2.4.0 completed in staging"), admitted);
    assertEquals(RunOutcome.COMPLETED, awaitEnd("prod", "2.4.0").outcome());
  }
}
