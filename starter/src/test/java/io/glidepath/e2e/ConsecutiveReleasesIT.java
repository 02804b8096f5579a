package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release after release from one spec file, only {@code --version} changing, on the dev stack with
 * the CLI and the worker as processes: a good release, a bad one (its version misbehaves in
 * eu-west, which rolls back and halts apac-se), and a good one again. After each, every completed
 * region serves the released version from its stable Deployment at 100% with the canary at 0, and
 * every rolled-back or protected region serves what it had before. Then one region is reverted
 * (release revert) and promoted at once (release promote --full).
 */
@org.junit.jupiter.api.Timeout(value = 12, unit = TimeUnit.MINUTES)
class ConsecutiveReleasesIT {
  static final int HTTP_PORT = 18085;
  static final List<String> REGIONS = List.of("us-east", "eu-west", "apac-se");

  @TempDir static Path dir;
  static Process worker;
  static ReleaseEndToEndIT.Target target;
  static Path spec;

  @BeforeAll
  static void start() throws Exception {
    target = new ReleaseEndToEndIT.Target(DevServers.shared().address(), DevServers.CONSECUTIVE);
    Path faults = dir.resolve("faults.yaml");
    Files.writeString(
        faults, "faults:\n  - {region: eu-west, version: \"2.5.0\", errorRate: 5%}\n");
    worker =
        ReleaseEndToEndIT.worker(
            target, dir.resolve("worker.log"), HTTP_PORT, "--fault-profile", faults.toString());
    ReleaseEndToEndIT.awaitReady(HTTP_PORT, dir.resolve("worker.log"));
    spec = dir.resolve("checkout.yaml");
    StringBuilder y =
        new StringBuilder(
            "service: checkout\nversion: 2.4.0\nimage: ghcr.io/acme/checkout:2.4.0\nregions:\n");
    for (String r : REGIONS) {
      y.append("  - {name: ")
          .append(r)
          .append(", cluster: ")
          .append(r)
          .append(", namespace: shop, deployment: {stable: checkout},\n")
          .append("     traffic: {type: gateway-api, route: checkout, stableBackend: checkout,")
          .append(" canaryBackend: checkout-canary}}\n");
    }
    y.append(
        """
        rollout: {mode: sequential, onRegionFailure: halt}
        strategy:
          canary:
            stages:
              - {weight: 10%, hold: 4s}  # a new version's first rate needs two 1 s scrapes after its first request
              - {weight: 50%, hold: 3s}
              - {weight: 100%, hold: 3s}
        analysis: {interval: 1s}
        preflight: {checks: {cpu: 60%}}
        hooks:
          - name: migrate
            at: before-traffic
            job: {image: ghcr.io/acme/checkout-migrate:1, args: [up], timeout: 2m}
            undo: {job: {image: ghcr.io/acme/checkout-migrate:1, args: [down]}}
        soak: 0s
        """);
    Files.writeString(spec, y.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (worker != null) {
      worker.destroy();
      worker.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static Run release(String version) throws Exception {
    return ReleaseEndToEndIT.cli(
        target,
        "release",
        "start",
        "-f",
        spec.toString(),
        "--version",
        version,
        "--by",
        "alice",
        "--watch");
  }

  /** The region serves {@code version} from the stable Deployment, all traffic on it. */
  private static void servesFromStable(String region, String version) throws Exception {
    assertEquals(
        Map.of("checkout", 100, "checkout-canary", 0),
        ReleaseEndToEndIT.route(region, "checkout"),
        region + ": all traffic on the stable backend");
    var stable = ReleaseEndToEndIT.deployment(region, "checkout");
    assertEquals(version, stable.path("version").asText(), region + ": stable runs " + version);
    assertTrue(stable.path("readyReplicas").asInt() > 0, region + ": from ready pods " + stable);
  }

  private static void canaryAtZero(String region) throws Exception {
    assertEquals(
        0,
        ReleaseEndToEndIT.deployment(region, "checkout-canary").path("replicas").asInt(),
        region + ": the canary is at 0");
  }

  /** The index of the first line that names {@code region} and says {@code what}, or -1. */
  private static int line(List<String> lines, String region, String what) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(region) && lines.get(i).contains(what)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void releaseAfterReleaseFromOneSpecJustWorks() throws Exception {
    Run first = release("2.4.0");
    assertEquals(0, first.exit(), first.out());
    for (String r : REGIONS) {
      servesFromStable(r, "2.4.0");
      canaryAtZero(r);
    }

    Run bad = release("2.5.0");
    assertEquals(1, bad.exit(), bad.out());
    assertTrue(
        bad.out().contains("us-east: completed; eu-west: rolled back at stage")
            && bad.out().contains("apac-se: protected"),
        bad.out());
    servesFromStable("us-east", "2.5.0");
    canaryAtZero("us-east");
    servesFromStable("eu-west", "2.4.0");
    canaryAtZero("eu-west");
    servesFromStable("apac-se", "2.4.0");
    List<String> history =
        ReleaseEndToEndIT.cli(target, "release", "history", "checkout").out().lines().toList();
    int ran = line(history, "eu-west", "hook migrate ran");
    int rollback = line(history, "eu-west", "rollback triggered");
    int undone = line(history, "eu-west", "hook migrate undone");
    assertTrue(
        0 <= ran && ran < rollback && rollback < undone,
        "eu-west: the hook, the rollback, then the undo:\n" + String.join("\n", history));

    Run third = release("2.6.0");
    assertEquals(0, third.exit(), third.out());
    for (String r : REGIONS) {
      servesFromStable(r, "2.6.0");
      canaryAtZero(r);
    }

    // The regions served different versions before the third release: revert one of them.
    Run revert =
        ReleaseEndToEndIT.cli(
            target,
            "release",
            "revert",
            "checkout",
            "--region",
            "eu-west",
            "--immediate",
            "--by",
            "bob",
            "--reason",
            "2.6.0 breaks eu-west reports");
    assertEquals(0, revert.exit(), revert.out());
    // The switch is watched for a minute before its promotion: the operator, having checked
    // eu-west, promotes it at once (release promote --full).
    Run promote = null;
    for (int i = 0; i < 20 && (promote == null || promote.exit() != 0); i++) {
      promote =
          ReleaseEndToEndIT.cli(
              target,
              "release",
              "advance",
              "checkout",
              "--full",
              "--by",
              "bob",
              "--reason",
              "checked");
      if (promote.exit() != 0) {
        Thread.sleep(1000); // the region has not started yet
      }
    }
    assertEquals(0, promote.exit(), promote.out());
    assertTrue(promote.out().contains("full advance of eu-west requested"), promote.out());
    Run watch = ReleaseEndToEndIT.cli(target, "release", "watch", "checkout", "--every", "1s");
    assertEquals(0, watch.exit(), watch.out());
    servesFromStable("eu-west", "2.4.0");
    canaryAtZero("eu-west");
    servesFromStable("us-east", "2.6.0");
  }
}
