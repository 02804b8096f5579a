package io.glidepath.cli;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.environment.EnvironmentClient;
import io.glidepath.environment.EnvironmentRun;
import io.glidepath.environment.PromotionRules;
import io.glidepath.environment.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment commands through the real command line against a real-time test server and a
 * worker: a version goes dev (rolling) and staging (blue-green), fails in staging, is refused for
 * prod with the reason, is let through by an override with a reason, and completes in prod
 * (canary); {@code env status} tells the truth after each step.
 */
class EnvCommandsWithWorkerTest {
  static final String SPEC =
      """
      service: checkout
      version: 2.4.0
      image: ghcr.io/acme/checkout:2.4.0
      analysis: {interval: 1s}
      soak: 0s
      environments:
        - name: dev
          regions:
            - {name: dev, cluster: dev, namespace: shop, deployment: {stable: checkout},
               traffic: {type: none}}
          strategy: {rolling: {hold: 1s}}
        - name: staging
          regions:
            - {name: staging, cluster: staging, namespace: shop,
               deployment: {stable: checkout, canary: checkout-green},
               traffic: {type: service-selector, service: checkout}}
          strategy: {blueGreen: {healthCheckTries: 1, healthCheckInterval: 1s, rollbackWindow: 1s}}
          approval: {gates: [release], approvers: anyone}
        - name: prod
          verifiedFor: 2s
          regions:
            - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: checkout},
               traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
          strategy: {canary: {stages: [{weight: 50%, hold: 1s}, {weight: 100%, hold: 1s}]}}
      """;

  @TempDir Path dir;

  static EnvironmentRun awaitEnd(WithWorker w, String env, String version)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    EnvironmentClient ledgers = new EnvironmentClient(w.client);
    while (System.nanoTime() < deadline) {
      EnvironmentRun r = PromotionRules.last(ledgers.status("checkout").runs(), env, version);
      if (r != null && r.outcome() != RunOutcome.RUNNING) {
        return r;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("never ended: " + ledgers.status("checkout"));
  }

  @Test
  void aVersionFailedInStagingIsRefusedForProdUntilAnOverrideWithAReason() throws Exception {
    Path spec = Files.writeString(dir.resolve("checkout.yaml"), SPEC);
    String f = spec.toString();
    try (WithWorker w = new WithWorker()) {
      WithWorker.Run refused = w.run("release", "start", "-f", f, "--env", "prod", "--by", "alice");
      assertEquals(2, refused.code(), refused.all());
      assertContains(
          refused.err(), "refused: refused, nothing was started: 2.4.0 has not run in staging");
      assertContains(w.ok("env", "status", "checkout").out(), "nothing delivered yet");

      w.ok("release", "start", "-f", f, "--env", "dev", "--by", "alice");
      assertEquals(RunOutcome.COMPLETED, awaitEnd(w, "dev", "2.4.0").outcome());
      String status = w.ok("env", "status", "checkout").out();
      assertContains(status, "checkout: dev -> staging -> prod");
      assertContains(status, "dev        2.4.0 since ");
      assertContains(status, "next: 2.4.0 may go now");

      w.world.unhealthyNew.add("staging");
      WithWorker.Run staging =
          w.ok("env", "deliver", "checkout", "2.4.0", "--to", "staging", "-f", f, "--by", "alice");
      assertContains(staging.out(), "delivering 2.4.0 to staging");
      w.await("checkout", s -> !s.pendingApprovals().isEmpty(), Duration.ofSeconds(30));
      w.ok(
          "release",
          "approve",
          "checkout",
          "--gate",
          "release",
          "--by",
          "bo",
          "--role",
          "reviewer");
      assertEquals(RunOutcome.ROLLED_BACK, awaitEnd(w, "staging", "2.4.0").outcome());

      WithWorker.Run blocked =
          w.run("env", "deliver", "checkout", "2.4.0", "--to", "prod", "-f", f, "--by", "alice");
      assertEquals(2, blocked.code(), blocked.all());
      assertContains(blocked.err(), "2.4.0 is blocked: it rolled back in staging");
      assertContains(w.ok("env", "status", "checkout").out(), "last: 2.4.0 rolled back at ");
      assertEquals(null, w.world.weightHistory.get("us-east"), "nothing moved in prod");

      WithWorker.Run noReason =
          w.run(
              "env",
              "override",
              "checkout",
              "2.4.0",
              "--to",
              "prod",
              "--reason",
              " ",
              "--by",
              "olga");
      assertEquals(2, noReason.code(), noReason.all());
      w.ok(
          "env",
          "override",
          "checkout",
          "2.4.0",
          "--to",
          "prod",
          "--by",
          "olga",
          "--reason",
          "green pool broken in staging only, INC-42");
      WithWorker.Run prod =
          w.ok("env", "deliver", "checkout", "2.4.0", "--to", "prod", "-f", f, "--by", "alice");
      assertContains(prod.out(), "let through by olga");
      assertEquals(RunOutcome.COMPLETED, awaitEnd(w, "prod", "2.4.0").outcome());

      JsonNode json =
          new ObjectMapper().readTree(w.ok("env", "status", "checkout", "--output", "json").out());
      assertEquals("prod", json.at("/environments/2/name").asText());
      assertEquals("2.4.0", json.at("/environments/2/version").asText());
      assertEquals("ROLLED_BACK", json.at("/environments/1/last/outcome").asText());
      boolean recorded = false;
      for (JsonNode d : json.get("timeline")) {
        recorded |=
            d.path("kind").asText().equals("OVERRIDDEN")
                && d.path("who").asText().equals("olga")
                && d.path("why").asText().contains("INC-42");
      }
      assertEquals(true, recorded, json.get("timeline").toString());
    }
  }
}
