package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.devstack.servers.CliDevServer;
import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import io.glidepath.e2e.ReleaseEndToEndIT.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability across a server crash: the Temporal dev server, keeping its state in a SQLite file, is
 * SIGKILLed in the middle of a canary stage and started again on the same file and port. The worker
 * (sticky execution on) reconnects by itself and the release finishes: every stage passed exactly
 * once, three traffic shifts per region, and the sandbox's routes all on the new version.
 */
class ServerRestartIT {
  @TempDir Path dir;
  CliDevServer server;
  Process worker;
  Target target;

  @AfterEach
  void stop() throws Exception {
    if (worker != null) {
      worker.destroy();
      worker.waitFor(60, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aKilledServerRestartedOnItsDatabaseLosesNothing() throws Exception {
    server = DevServers.own("server-restart").start(Duration.ofSeconds(90));
    target = new Target(server.address(), "default");
    worker = ReleaseEndToEndIT.worker(target, dir.resolve("worker.log"), 18083);
    ReleaseEndToEndIT.awaitReady(18083, dir.resolve("worker.log"));

    Path spec = dir.resolve("checkout.yaml");
    Files.writeString(
        spec,
        """
        service: checkout
        version: 4.0.0
        image: ghcr.io/acme/checkout:4.0.0
        regions:
          - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: checkout},
             traffic: {type: gateway-api, route: checkout, stableBackend: checkout,
                       canaryBackend: checkout-canary}}
          - {name: eu-west, cluster: eu-west, namespace: shop, deployment: {stable: checkout},
             traffic: {type: gateway-api, route: checkout, stableBackend: checkout,
                       canaryBackend: checkout-canary}}
        rollout: {mode: sequential}
        strategy:
          canary:
            stages:
              - {weight: 10%, hold: 4s}
              - {weight: 50%, hold: 10s}
              - {weight: 100%, hold: 4s}
        analysis: {interval: 1s}
        soak: 0s
        """);
    Run start = ReleaseEndToEndIT.cli(target, "release", "start", "-f", spec.toString());
    assertEquals(0, start.exit(), start.out());
    awaitStatus("us-east +observing +stage 2/3");
    assertEquals(
        Map.of("checkout", 50, "checkout-canary", 50),
        ReleaseEndToEndIT.route("us-east", "checkout"));

    server.kill(); // SIGKILL in the middle of stage 2
    assertFalse(server.running());
    Run down = ReleaseEndToEndIT.cli(target, "release", "status", "checkout");
    assertEquals(3, down.exit(), "the server is down: " + down.out());
    Thread.sleep(3_000); // the worker's polls and the stage's heartbeats fail meanwhile
    server.start(Duration.ofSeconds(90)); // the same database file and port

    Run watch = ReleaseEndToEndIT.cli(target, "release", "watch", "checkout", "--every", "1s");
    assertEquals(0, watch.exit(), watch.out() + "\nserver log:\n" + server.tail());
    assertTrue(
        watch.out().contains("checkout 4.0.0 completed. us-east: completed; eu-west: completed"),
        watch.out());

    String history = ReleaseEndToEndIT.cli(target, "release", "history", "checkout").out();
    for (String region : List.of("us-east", "eu-west")) {
      for (int stage = 1; stage <= 3; stage++) {
        assertEquals(
            1,
            WorkerKilledIT.count(history, region + " +glidepath +stage " + stage + " passed"),
            region + " stage " + stage + " passed exactly once:\n" + history);
      }
      assertEquals(
          3,
          WorkerKilledIT.count(history, region + " +glidepath +traffic shifted"),
          region + ": 10%, 50%, 100% and nothing else:\n" + history);
      assertEquals(
          Map.of("checkout", 100, "checkout-canary", 0),
          ReleaseEndToEndIT.route(region, "checkout"),
          region + ": promoted, all traffic on the stable backend");
      assertEquals(
          "4.0.0",
          ReleaseEndToEndIT.deployment(region, "checkout").path("version").asText(),
          region + ": the stable Deployment runs 4.0.0");
    }
    String status = ReleaseEndToEndIT.cli(target, "release", "status", "checkout").out();
    assertTrue(
        status.matches("(?s).*us-east +completed .*100%.*eu-west +completed .*100%.*"), status);
  }

  private void awaitStatus(String regex) throws Exception {
    Pattern p = Pattern.compile(regex);
    String last = "";
    for (int i = 0; i < 120; i++) {
      last = ReleaseEndToEndIT.cli(target, "release", "status", "checkout").out();
      if (p.matcher(last).find()) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("status never matched " + regex + ": " + last);
  }
}
