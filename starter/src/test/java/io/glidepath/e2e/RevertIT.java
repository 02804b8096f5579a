package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emergency revert on the dev stack, the CLI and the worker as processes: cart 1.1.0 released
 * to three regions in sequence and completed, then {@code release revert --immediate}: every region
 * serves 1.0.0 again from ready pods within 60 s of the command, and the revert ends by itself with
 * 1.0.0 promoted as stable in every region.
 */
@org.junit.jupiter.api.Timeout(value = 8, unit = TimeUnit.MINUTES)
class RevertIT {
  static final int HTTP_PORT = 18087;
  static final List<String> REGIONS = List.of("us-east", "eu-west", "apac-se");

  @TempDir static Path dir;
  static Process worker;
  static ReleaseEndToEndIT.Target target;
  static Path spec;

  @BeforeAll
  static void start() throws Exception {
    target = new ReleaseEndToEndIT.Target(DevServers.shared().address(), DevServers.REVERT);
    Path log = DevServers.log("revert-worker");
    worker = ReleaseEndToEndIT.worker(target, log, HTTP_PORT);
    ReleaseEndToEndIT.awaitReady(HTTP_PORT, log);
    spec = dir.resolve("cart.yaml");
    StringBuilder y =
        new StringBuilder(
            "service: cart\nversion: 1.1.0\nimage: ghcr.io/acme/cart:1.1.0\nregions:\n");
    for (String r : REGIONS) {
      y.append("  - {name: ")
          .append(r)
          .append(", cluster: ")
          .append(r)
          .append(", namespace: shop, deployment: {stable: cart},\n")
          .append("     traffic: {type: gateway-api, route: cart, stableBackend: cart,")
          .append(" canaryBackend: cart-canary}}\n");
    }
    y.append(
        """
        rollout: {mode: sequential}
        strategy:
          canary:
            stages:
              - {weight: 50%, hold: 4s}  # 4 s: a new version's first rate needs two 1 s scrapes after its first request
              - {weight: 100%, hold: 2s}
        analysis: {interval: 1s}
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

  /** Which version serves all of {@code region}'s traffic from ready pods, or null. */
  private static String serving(String region) throws Exception {
    Map<String, Integer> route = ReleaseEndToEndIT.route(region, "cart");
    String backend =
        route.getOrDefault("cart", 0) == 100
            ? "cart"
            : route.getOrDefault("cart-canary", 0) == 100 ? "cart-canary" : null;
    if (backend == null) {
      return null;
    }
    var d = ReleaseEndToEndIT.deployment(region, backend);
    return d.path("readyReplicas").asInt() > 0 ? d.path("version").asText() : null;
  }

  @Test
  void anImmediateRevertPutsEveryRegionBackWithinAMinuteAndPromotesItByItself() throws Exception {
    Run release =
        ReleaseEndToEndIT.cli(
            target, "release", "start", "-f", spec.toString(), "--by", "alice", "--watch");
    assertEquals(0, release.exit(), release.out());
    for (String r : REGIONS) {
      assertEquals("1.1.0", serving(r), r + " serves the release");
    }

    long start = System.nanoTime();
    Run revert =
        ReleaseEndToEndIT.cli(
            target,
            "release",
            "revert",
            "cart",
            "--immediate",
            "--by",
            "bob",
            "--reason",
            "1.1.0 breaks checkout");
    double returned = (System.nanoTime() - start) / 1e9;
    assertEquals(0, revert.exit(), revert.out());
    assertTrue(
        revert.out().contains("plan: immediate: every region at once (us-east, eu-west, apac-se)"),
        revert.out());
    assertTrue(revert.out().contains("3 of 3 regions serve 1.0.0 "), revert.out());
    Map<String, String> now = new TreeMap<>();
    for (String r : REGIONS) {
      now.put(r, serving(r));
    }
    assertEquals(
        Map.of("us-east", "1.0.0", "eu-west", "1.0.0", "apac-se", "1.0.0"),
        now,
        "every region serves the old version from ready pods when revert returns, "
            + returned
            + " s after it started:\n"
            + revert.out());
    assertTrue(returned < 60, "revert returned after " + returned + " s:\n" + revert.out());
    System.out.printf("revert returned, every region on 1.0.0, after %.1f s%n", returned);

    // The revert ends by itself with 1.0.0 promoted as stable in every region.
    Run watch = ReleaseEndToEndIT.cli(target, "release", "watch", "cart", "--every", "1s");
    double ended = (System.nanoTime() - start) / 1e9;
    assertEquals(0, watch.exit(), watch.out());
    for (String r : REGIONS) {
      assertTrue(watch.out().contains(r), "watch shows " + r + ":\n" + watch.out());
      assertEquals(
          Map.of("cart", 100, "cart-canary", 0),
          ReleaseEndToEndIT.route(r, "cart"),
          r + ": all traffic on the stable backend");
      var stable = ReleaseEndToEndIT.deployment(r, "cart");
      assertEquals("1.0.0", stable.path("version").asText(), r + ": stable runs 1.0.0 again");
      assertTrue(stable.path("readyReplicas").asInt() > 0, r + ": from ready pods " + stable);
    }
    assertTrue(ended < 150, "the revert ended " + ended + " s after it started");
    System.out.printf("revert ended, 1.0.0 promoted in every region, after %.1f s%n", ended);
  }
}
