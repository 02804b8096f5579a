package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker ({@code --dev}: the sandbox, against the shared Temporal dev server with sticky
 * execution on, as in production) and the CLI, each a process of its own built by {@code package},
 * driven the way a person would from a shell.
 */
class ReleaseEndToEndIT {
  /** The worker with the dev stack beside it (the devstack module's jar). */
  static final Path DEV_JAR = Path.of("../devstack/target/glidepath-dev.jar");

  static final Path CLI = Path.of("target/glidepath.jar");
  static final int HTTP_PORT = 18081;

  /**
   * The longest one CLI command may take here, {@code watch} of a whole release included: a test's
   * own timeout (junit-platform.properties).
   */
  static final Duration CLI_LIMIT = Duration.ofMinutes(10);

  static Process worker;
  static Target target;
  @TempDir static Path dir;

  record Run(int exit, String out) {}

  /** A Temporal server and namespace, as the CLI's and the worker's environment name them. */
  record Target(String address, String namespace) {
    Map<String, String> env() {
      return Map.of("TEMPORAL_ADDRESS", address, "TEMPORAL_NAMESPACE", namespace);
    }

    int port() {
      return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
  }

  /**
   * A worker with {@code --dev} (the sandbox on :7240, started by it when none answers) against
   * {@code target}, its output in {@code log}.
   */
  static Process worker(Target target, Path log, int httpPort, String... more) throws IOException {
    return worker("java", target, log, httpPort, more);
  }

  /** {@link #worker(Target, Path, int, String...)} on the JVM {@code java}. */
  static Process worker(String java, Target target, Path log, int httpPort, String... more)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("--dev", "--temporal-port", "" + target.port(), "--http-port", "" + httpPort));
    args.addAll(List.of(more));
    return devJar(java, target, log, args);
  }

  /**
   * Starts {@code glidepath-dev.jar} with {@code args} on the JVM {@code java}, aimed at {@code
   * target}, its output in {@code log}.
   */
  static Process devJar(String java, Target target, Path log, List<String> args)
      throws IOException {
    assertTrue(Files.exists(DEV_JAR), "build first: " + DEV_JAR);
    List<String> command = new ArrayList<>(List.of(java, "-jar", DEV_JAR.toString()));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(target.env());
    return pb.start();
  }

  @BeforeAll
  static void startWorker() throws Exception {
    target = new Target(DevServers.shared().address(), DevServers.END_TO_END);
    worker = worker(target, dir.resolve("worker.log"), HTTP_PORT);
    awaitReady(HTTP_PORT, dir.resolve("worker.log"));
  }

  /** Waits until the worker on {@code httpPort} says it is ready (Temporal reached, polling). */
  static void awaitReady(int httpPort, Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/health/readiness"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("worker not ready: " + Files.readString(log));
  }

  @AfterAll
  static void stopWorker() throws Exception {
    if (worker != null) {
      worker.destroy(); // SIGTERM: a graceful stop
      assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker stops on SIGTERM");
    }
  }

  static Run cli(String... args) throws Exception {
    return cli(target, args);
  }

  /**
   * Runs the CLI against {@code target}. Its output goes to a file, not a pipe, so the wait is the
   * interruptible {@code waitFor}: a command that never ends ({@code watch} of a release that
   * holds) fails its test at {@link #CLI_LIMIT} or at the test's timeout, and is killed, instead of
   * blocking a read for as long as CI lets it.
   */
  static Run cli(Target target, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", CLI.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("glidepath-cli", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().putAll(target.env());
      Process p = pb.start();
      try {
        if (!p.waitFor(CLI_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          throw new AssertionError(
              "cli "
                  + command
                  + " did not end within "
                  + CLI_LIMIT
                  + ":\n"
                  + Files.readString(out));
        }
      } finally {
        p.destroyForcibly(); // nothing when it ended; else it dies with its test
      }
      return new Run(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** A two-region release of one of the sandbox's services (cart, checkout) to 1.1.0. */
  static Path spec(String service) throws IOException {
    Path file = dir.resolve(service + ".yaml");
    Files.writeString(
        file,
        """
        service: %1$s
        version: 1.1.0
        image: ghcr.io/acme/%1$s:1.1.0
        regions:
          - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: %1$s},
             traffic: {type: gateway-api, route: %1$s, stableBackend: %1$s, canaryBackend: %1$s-canary}}
          - {name: eu-west, cluster: eu-west, namespace: shop, deployment: {stable: %1$s},
             traffic: {type: gateway-api, route: %1$s, stableBackend: %1$s, canaryBackend: %1$s-canary}}
        rollout: {mode: sequential}
        strategy:
          canary:
            stages:
              - {weight: 10%%, hold: 4s}  # 4 s: a new version's first rate needs two 1 s scrapes after its first request
              - {weight: 50%%, hold: 2s, gate: true}
              - {weight: 100%%, hold: 2s}
        analysis: {interval: 1s}
        approval: {approvers: anyone}
        soak: 0s
        """
            .formatted(service));
    return file;
  }

  /** Waits, for at most 90 s, until the process log {@code log} holds {@code text}. */
  static void awaitLog(Path log, String text) throws Exception {
    for (int i = 0; i < 900; i++) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(log + " never said '" + text + "': " + Files.readString(log));
  }

  /** Polls {@code release status} until its output holds {@code text}. */
  static String awaitStatus(String service, String text) throws Exception {
    String last = "";
    for (int i = 0; i < 120; i++) {
      last = cli("release", "status", service).out();
      if (last.contains(text)) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("status never showed '" + text + "': " + last);
  }

  @Test
  void startWatchApproveThenAbortASecondRelease() throws Exception {
    Run start = cli("release", "start", "-f", spec("cart").toString(), "--by", "alice");
    assertEquals(0, start.exit(), start.out());
    assertTrue(start.out().startsWith("started release-cart: cart 1.1.0 to us-east, eu-west"));

    awaitStatus("cart", "waiting for approval of stage:us-east:2");
    Run self = cli("release", "approve", "cart", "--gate", "stage:us-east:2", "--by", "alice");
    assertEquals(2, self.exit(), "self-approval is refused as bad input: " + self.out());
    assertTrue(self.out().contains("self-approval"), self.out());
    assertEquals(
        0, cli("release", "approve", "cart", "--gate", "stage:us-east:2", "--by", "bob").exit());
    awaitStatus("cart", "waiting for approval of stage:eu-west:2");
    assertEquals(
        0, cli("release", "approve", "cart", "--gate", "stage:eu-west:2", "--by", "bob").exit());

    Run watch = cli("release", "watch", "cart", "--every", "1s");
    assertEquals(0, watch.exit(), watch.out());
    assertTrue(
        watch.out().contains("cart 1.1.0 completed. us-east: completed; eu-west: completed"));
    String done = cli("release", "status", "cart").out();
    assertTrue(done.matches("(?s).*us-east +completed +stage 3/3 +\\[#{10}\\] 100%.*"), done);
    assertEquals(
        Map.of("cart", 100, "cart-canary", 0),
        route("us-east", "cart"),
        "promoted: all traffic back on the stable backend");
    assertEquals(
        "1.1.0", deployment("us-east", "cart").path("version").asText(), "stable runs 1.1.0");
    assertEquals(0, deployment("us-east", "cart-canary").path("replicas").asInt(), "canary at 0");
    assertEquals(Map.of("cart", 100, "cart-canary", 0), route("apac-se", "cart"), "not released");

    assertEquals(0, cli("release", "start", "-f", spec("checkout").toString()).exit());
    awaitStatus("checkout", "waiting for approval of stage:us-east:2");
    Run abort =
        cli("release", "abort", "checkout", "--reason", "bad config in 1.1.0", "--by", "carol");
    assertEquals(0, abort.exit(), abort.out());
    Run aborted = cli("release", "watch", "checkout", "--every", "1s");
    assertEquals(1, aborted.exit(), "an aborted release exits 1: " + aborted.out());
    String after = cli("release", "status", "checkout").out();
    assertTrue(after.contains("us-east"), after);
    assertTrue(
        after.matches("(?s).*us-east .*\\[\\.{10}\\] +0%.*"), "traffic back on stable: " + after);

    assertEquals(
        Map.of("checkout", 100, "checkout-canary", 0),
        route("us-east", "checkout"),
        "the aborted release put checkout back on stable");

    String list = cli("release", "list").out();
    assertTrue(list.contains("release-cart") && list.contains("release-checkout"), list);
    // Visibility queries on the search attributes the workflows set.
    awaitList("release-cart", "release-checkout", "--service", "cart");
    awaitList("release-cart", "release-checkout", "--author", "alice");
    awaitList("release-checkout", "release-cart", "--phase", "aborted");
    Run badPhase = cli("release", "list", "--phase", "sleeping");
    assertEquals(2, badPhase.exit(), badPhase.out());
    String history = cli("release", "history", "checkout").out();
    assertTrue(history.contains("carol") && history.contains("bad config in 1.1.0"), history);
  }

  /** Polls {@code release list FILTERS} (visibility is eventually consistent) for one release. */
  static void awaitList(String listed, String notListed, String... filters) throws Exception {
    List<String> args = new ArrayList<>(List.of("release", "list"));
    args.addAll(List.of(filters));
    String out = "";
    for (int i = 0; i < 20; i++) {
      out = cli(args.toArray(String[]::new)).out();
      if (out.contains(listed) && !out.contains(notListed)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(args + " should list " + listed + " only: " + out);
  }

  /** The backend weights of {@code route} in the sandbox's cluster of {@code region}. */
  /** One Deployment as the sandbox's {@code /deployments} shows it. */
  static com.fasterxml.jackson.databind.JsonNode deployment(String region, String name)
      throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:7240/deployments")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (var d : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)) {
      if (d.path("region").asText().equals(region) && d.path("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no Deployment " + name + " in " + region + ": " + body);
  }

  static Map<String, Integer> route(String region, String route) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:7240/routes")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .convertValue(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body)
                .path(region)
                .path(route),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() {});
  }

  /**
   * Stop the line with the CLI as processes: a running release holds before its next increase,
   * still watched, a new release of the frozen service is refused with the reason and who froze it,
   * and after unfreeze the release goes on to the end.
   */
  @Test
  void aFreezeHoldsARunningReleaseAndRefusesANewOneUntilUnfrozen() throws Exception {
    Path file = dir.resolve("checkout-1.2.0.yaml");
    Files.writeString(
        file,
        Files.readString(spec("checkout"))
            .replace("1.1.0", "1.2.0")
            .replace("{weight: 10%, hold: 4s}", "{weight: 10%, hold: 15s}")
            .replace(", gate: true", ""));
    Run start = cli("release", "start", "-f", file.toString(), "--by", "alice");
    assertEquals(0, start.exit(), start.out());
    awaitStatus("checkout", "stage 1/3");

    Run freeze =
        cli("line", "stop", "--service", "checkout", "--reason", "incident 4711", "--by", "carol");
    assertEquals(0, freeze.exit(), freeze.out());
    assertTrue(cli("line", "status").out().contains("checkout stopped by carol"));
    String held = awaitStatus("checkout", "the line is stopped");
    assertTrue(held.contains("incident 4711"), held);
    assertEquals(
        Map.of("checkout", 90, "checkout-canary", 10),
        route("us-east", "checkout"),
        "held at its weight before the next increase");

    Run refused = cli("release", "start", "-f", spec("checkout").toString(), "--by", "bob");
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(
        refused.out().contains("the line is stopped")
            && refused.out().contains("carol")
            && refused.out().contains("incident 4711"),
        refused.out());
    Thread.sleep(3_000); // three more seconds at the stopped line: still 10%
    assertEquals(
        10, route("us-east", "checkout").get("checkout-canary"), "no increase while frozen");

    Run unfreeze =
        cli("line", "resume", "--service", "checkout", "--reason", "resolved", "--by", "carol");
    assertEquals(0, unfreeze.exit(), unfreeze.out());
    Run watch = cli("release", "watch", "checkout", "--every", "1s");
    assertEquals(0, watch.exit(), watch.out());
    assertTrue(watch.out().contains("checkout 1.2.0 completed"), watch.out());
    assertEquals(
        "1.2.0",
        deployment("eu-west", "checkout").path("version").asText(),
        "it went on to the end");
  }

  @Test
  void anUnreachableServerIsOneLineAndExit3() throws Exception {
    Run r = cli("release", "status", "cart", "--address", "localhost:1");
    assertEquals(3, r.exit(), r.out());
    assertEquals(
        "glidepath: cannot reach Temporal at localhost:1: is the worker running with --dev?",
        r.out().trim());
  }
}
