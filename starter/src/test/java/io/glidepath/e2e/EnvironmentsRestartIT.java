package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.devstack.servers.CliDevServer;
import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import io.glidepath.e2e.ReleaseEndToEndIT.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment ledger across a Temporal server crash, as processes: a Temporal dev server of
 * this test's own (state in a SQLite file), the sandbox ({@code dev-server}) beside it, a {@code
 * --dev} worker and the CLI. 1.1.0 completes in dev; its delivery to staging waits at staging's
 * review gate when the server is SIGKILLed and started again on the same file and port. The gate is
 * then approved, staging completes, and {@code env status} shows dev and staging on 1.1.0 with
 * every delivery and outcome recorded once; prod refuses it before its {@code verifiedFor}, saying
 * why. A {@code release revert} of staging's release then puts 1.0.0 back in staging, recorded by
 * the ledger, and prod refuses 1.1.0 as reverted.
 */
class EnvironmentsRestartIT {
  /** Its own sandbox: EnvironmentsIT's is on 7251, a person's or another test's on 7240. */
  static final int SANDBOX_PORT = 7252;

  /** The worker's HTTP port: no other test's. */
  static final int HTTP_PORT = 18089;

  @TempDir Path dir;
  CliDevServer server;
  Process sandbox;
  Process worker;
  Target target;
  LedgerCli ledger;

  @AfterEach
  void stop() throws Exception {
    List<Throwable> problems = new ArrayList<>();
    for (Process p : new Process[] {worker, sandbox}) {
      try {
        if (p != null && p.isAlive()) {
          p.destroy();
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        }
      } catch (Exception | Error e) {
        if (p != null) {
          p.destroyForcibly();
        }
        problems.add(e);
      }
    }
    if (server != null) {
      server.close();
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("stopping the processes: " + problems);
    }
  }

  static int count(JsonNode timeline, String kind, String what) {
    int n = 0;
    for (JsonNode d : timeline) {
      if (d.path("kind").asText().equals(kind) && d.path("what").asText().equals(what)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aServerKilledInTheMiddleOfADeliveryLosesNothingOfTheLedger() throws Exception {
    server = DevServers.own("environments-restart").start(Duration.ofSeconds(90));
    target = new Target(server.address(), "default");
    // examples/environments-sandbox.yaml with its holds (with 1s holds dev's release once stayed
    // running for minutes on a loaded machine), and a prod verifiedFor this test never waits out.
    Path spec = dir.resolve("cart.yaml");
    Files.writeString(
        spec,
        """
        service: cart
        version: 1.1.0
        image: ghcr.io/acme/cart:1.1.0
        analysis: {interval: 1s}
        soak: 0s
        environments:
          - name: dev
            regions:
              - {name: dev, cluster: dev, namespace: shop, deployment: {stable: cart},
                 traffic: {type: none}}
            strategy: {rolling: {hold: 5s}}
          - name: staging
            regions:
              - {name: staging, cluster: staging, namespace: shop, deployment: {stable: cart},
                 traffic: {type: gateway-api, route: cart, stableBackend: cart,
                           canaryBackend: cart-canary}}
            strategy: {blueGreen: {healthCheckTries: 5, healthCheckInterval: 1s, rollbackWindow: 5s}}
            approval: {gates: [release], required: {reviewer: 1}, approvers: anyone}
          - name: prod
            verifiedFor: 1h
            regions:
              - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: cart},
                 traffic: {type: gateway-api, route: cart, stableBackend: cart,
                           canaryBackend: cart-canary}}
            strategy:
              canary:
                stages:
                  - {weight: 100%, hold: 1s}
        """);
    ledger = new LedgerCli(target, spec, SANDBOX_PORT);
    ledger.ok("release", "validate", "-f", spec.toString(), "--sandbox");

    sandbox = LedgerCli.sandbox(target, SANDBOX_PORT, dir.resolve("sandbox.log"));
    String sandboxLog = Files.readString(dir.resolve("sandbox.log"));
    assertTrue(
        sandboxLog.contains("already listening"),
        "the dev-server uses this test's Temporal server, so it does not die with it: "
            + sandboxLog);
    worker =
        ReleaseEndToEndIT.worker(
            target, dir.resolve("worker.log"), HTTP_PORT, "--sandbox-port", "" + SANDBOX_PORT);
    ReleaseEndToEndIT.awaitReady(HTTP_PORT, dir.resolve("worker.log"));

    ledger.start("dev", "1.1.0");
    assertEquals("COMPLETED", ledger.awaitEnd("dev", "1.1.0"));

    ledger.delivered("1.1.0", "staging");
    ledger.awaitStatus("waiting for approval of");

    server.kill(); // SIGKILL while staging waits at its review gate
    assertFalse(server.running());
    Run down = ledger.cli("env", "status", "cart");
    assertEquals(3, down.exit(), "the server is down: " + down.out());
    Thread.sleep(2_000); // the worker's polls fail meanwhile
    server.start(Duration.ofSeconds(90)); // the same database file and port

    ledger.approveStaging();
    assertEquals("COMPLETED", ledger.awaitEnd("staging", "1.1.0"), server.tail());

    JsonNode s = ledger.status();
    assertEquals("dev", s.at("/environments/0/name").asText());
    assertEquals("1.1.0", s.at("/environments/0/version").asText(), s.toString());
    assertEquals("staging", s.at("/environments/1/name").asText());
    assertEquals("1.1.0", s.at("/environments/1/version").asText(), s.toString());
    assertEquals("COMPLETED", s.at("/environments/1/last/outcome").asText());
    assertTrue(s.at("/environments/2/version").isNull(), "prod has no version yet: " + s);
    JsonNode timeline = s.get("timeline");
    assertEquals(4, timeline.size(), "two deliveries, two outcomes, nothing else: " + timeline);
    assertEquals(1, count(timeline, "DELIVERED", "1.1.0 to dev"), timeline.toString());
    assertEquals(1, count(timeline, "DELIVERED", "1.1.0 to staging"), timeline.toString());
    assertEquals(
        1, count(timeline, "RELEASE_ENDED", "1.1.0 in dev: completed"), timeline.toString());
    assertEquals(
        1, count(timeline, "RELEASE_ENDED", "1.1.0 in staging: completed"), timeline.toString());
    String history = ledger.cli("release", "history", "cart").out();
    assertTrue(history.contains("bo"), "the approval is in the release's history: " + history);

    Run prod = ledger.deliver("1.1.0", "prod");
    assertEquals(2, prod.exit(), prod.out());
    assertTrue(
        prod.out().contains("1.1.0 completed in staging at "), "says since when: " + prod.out());
    assertTrue(prod.out().contains("prod takes it once it ran there 1h: from "), prod.out());
    assertTrue(ledger.status().at("/environments/2/version").isNull(), "nothing went to prod");

    // A revert of staging's release goes through the ledger: staging runs 1.0.0 again (what
    // served before), and 1.1.0 is blocked from prod, with who and why.
    Run revert =
        ledger.cli(
            "release",
            "revert",
            "cart",
            "--immediate",
            "--promote-now",
            "--reason",
            "p99 doubled, INC-12",
            "--by",
            "olga");
    assertEquals(0, revert.exit(), revert.out());
    assertTrue(
        revert.out().contains("staging: 1.1.0 in staging is reverted to 1.0.0"), revert.out());
    s = awaitServing("staging", "1.0.0");
    assertEquals("1.1.0", s.at("/environments/1/last/version").asText(), s.toString());
    assertEquals("REVERTED", s.at("/environments/1/last/outcome").asText(), s.toString());
    assertEquals("1.1.0", s.at("/environments/0/version").asText(), "dev keeps 1.1.0");
    boolean recorded = false;
    for (JsonNode d : s.get("timeline")) {
      recorded |=
          d.path("kind").asText().equals("REVERTED")
              && d.path("who").asText().equals("olga")
              && d.path("what").asText().equals("1.1.0 in staging reverted to 1.0.0")
              && d.path("why").asText().equals("p99 doubled, INC-12");
    }
    assertTrue(recorded, s.get("timeline").toString());
    Run blocked = ledger.deliver("1.1.0", "prod");
    assertEquals(2, blocked.exit(), blocked.out());
    assertTrue(
        blocked.out().contains("1.1.0 is blocked: it was reverted in staging"), blocked.out());
  }

  /** Polls the ledger until {@code environment} runs {@code version} and nothing is released. */
  JsonNode awaitServing(String environment, String version) throws Exception {
    return ledger.await(
        environment,
        Duration.ofMinutes(2),
        "never ran " + version,
        e -> e.path("version").asText().equals(version) && e.path("releasing").isNull());
  }
}
