package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environments on the dev stack, as processes: the sandbox ({@code dev-server}, with a dev and a
 * staging cluster beside the regions) against the real Temporal dev server, a {@code --dev} worker,
 * and the CLI. Version 1.1.0 goes dev (rolling) -> staging (blue-green, a review gate) -> prod
 * (canary, two regions) once it ran 20s in staging, with the worker SIGKILLed in the middle of
 * prod; version 1.2.0 fails in staging (the fault profile), is refused for prod with the reason,
 * and an override with a reason lets it through, recorded. {@code env status} tells the truth after
 * each step.
 */
class EnvironmentsIT {
  static final Path SPEC = Path.of("..", "examples", "environments-sandbox.yaml").toAbsolutePath();

  /** A sandbox of this test's own: another test's (or person's) on 7240 has no dev or staging. */
  static final int SANDBOX_PORT = 7251;

  static final String SANDBOX_URL = "http://127.0.0.1:" + SANDBOX_PORT;

  @TempDir Path dir;
  Process server;
  Process worker;
  ReleaseEndToEndIT.Target target;

  @AfterEach
  void stop() throws Exception {
    for (Process p : new Process[] {worker, server}) {
      if (p != null) {
        p.destroy();
        p.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  Run cli(String... args) throws Exception {
    return ReleaseEndToEndIT.cli(target, args);
  }

  Run ok(String... args) throws Exception {
    Run r = cli(args);
    assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.out());
    return r;
  }

  JsonNode status() throws Exception {
    return new ObjectMapper().readTree(ok("env", "status", "cart", "--output", "json").out());
  }

  /** Polls the ledger until {@code environment}'s last release of {@code version} ended. */
  String awaitEnd(String environment, String version) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    JsonNode s = null;
    while (System.nanoTime() < deadline) {
      s = status();
      for (JsonNode e : s.get("environments")) {
        JsonNode last = e.path("last");
        if (e.path("name").asText().equals(environment)
            && last.path("version").asText().equals(version)
            && !last.path("outcome").asText().equals("RUNNING")) {
          return last.path("outcome").asText();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(environment + " " + version + " never ended: " + s);
  }

  void approveWhenAsked() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      Run r =
          cli(
              "release",
              "approve",
              "cart",
              "--gate",
              "release",
              "--by",
              "bo",
              "--role",
              "reviewer");
      if (r.exit() == 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the staging gate never opened");
  }

  void awaitStatus(String regex) throws Exception {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    String last = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      last = cli("release", "status", "cart").out();
      if (p.matcher(last).find()) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("status never matched " + regex + ": " + last);
  }

  /** One Deployment as this test's sandbox's {@code /deployments} shows it. */
  static JsonNode version(String region, String name) throws Exception {
    String body =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SANDBOX_URL + "/deployments"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    for (JsonNode d : new ObjectMapper().readTree(body)) {
      if (d.path("region").asText().equals(region) && d.path("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no Deployment " + name + " in " + region + ": " + body);
  }

  Run deliver(String version, String to) throws Exception {
    return cli(
        "env",
        "deliver",
        "cart",
        version,
        "--to",
        to,
        "-f",
        SPEC.toString(),
        "--by",
        "alice",
        "--sandbox",
        "--sandbox-url",
        SANDBOX_URL);
  }

  @Test
  void aVersionEarnsItsWayAndAFailedOneIsRefusedUntilOverridden() throws Exception {
    target = new ReleaseEndToEndIT.Target(DevServers.shared().address(), DevServers.ENVIRONMENTS);
    Path faults = dir.resolve("faults.yaml");
    Files.writeString(
        faults, "faults:\n  - {region: staging, version: \"1.2.0\", errorRate: 5%}\n");
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "-jar",
                ReleaseEndToEndIT.DEV_JAR.toString(),
                "dev-server",
                "--port",
                "" + target.port(),
                "--sandbox-port",
                "" + SANDBOX_PORT,
                "--fault-profile",
                faults.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
    pb.environment().putAll(target.env());
    server = pb.start();
    ReleaseEndToEndIT.awaitLog(dir.resolve("server.log"), "Stop with Ctrl-C");
    assertTrue(
        Files.readString(dir.resolve("server.log")).contains("Sandbox on " + SANDBOX_URL),
        "the sandbox is the dev-server's, so it outlives the killed worker");
    worker =
        ReleaseEndToEndIT.worker(
            target, dir.resolve("worker-1.log"), 18083, "--sandbox-port", "" + SANDBOX_PORT);
    ReleaseEndToEndIT.awaitReady(18083, dir.resolve("worker-1.log"));

    // 1.1.0: dev by release start --env, refused for prod before it ran in staging
    Run early = deliver("1.1.0", "prod");
    assertEquals(2, early.exit(), early.out());
    assertTrue(early.out().contains("1.1.0 has not run in staging"), early.out());
    ok(
        "release",
        "start",
        "-f",
        SPEC.toString(),
        "--env",
        "dev",
        "--version",
        "1.1.0",
        "--by",
        "ci",
        "--sandbox",
        "--sandbox-url",
        SANDBOX_URL);
    assertEquals("COMPLETED", awaitEnd("dev", "1.1.0"));
    assertEquals("1.1.0", version("dev", "cart").path("version").asText());
    String text = ok("env", "status", "cart").out();
    assertTrue(text.contains("next: 1.1.0 may go now"), text);

    ok(
        "env",
        "deliver",
        "cart",
        "1.1.0",
        "--to",
        "staging",
        "-f",
        SPEC.toString(),
        "--by",
        "alice",
        "--sandbox",
        "--sandbox-url",
        SANDBOX_URL);
    approveWhenAsked();
    assertEquals("COMPLETED", awaitEnd("staging", "1.1.0"));
    Run soaking = deliver("1.1.0", "prod");
    assertEquals(2, soaking.exit(), soaking.out());
    assertTrue(soaking.out().contains("prod takes it once it ran there 20s: from "), soaking.out());

    Run prod = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      prod = deliver("1.1.0", "prod");
      if (prod.exit() == 0) {
        break;
      }
      Thread.sleep(1000);
    }
    assertEquals(0, prod.exit(), prod.out());
    assertTrue(prod.out().contains("ran there 20s since"), prod.out());
    awaitStatus("us-east +observing");
    worker.destroyForcibly().waitFor(); // SIGKILL in the middle of prod
    worker =
        ReleaseEndToEndIT.worker(
            target, dir.resolve("worker-2.log"), 18083, "--sandbox-port", "" + SANDBOX_PORT);
    assertEquals("COMPLETED", awaitEnd("prod", "1.1.0"));
    for (String region : List.of("us-east", "eu-west")) {
      assertEquals("1.1.0", version(region, "cart").path("version").asText(), region);
    }

    // 1.2.0: fails in staging, refused for prod with the reason, overridden with a reason
    ok(
        "release",
        "start",
        "-f",
        SPEC.toString(),
        "--env",
        "dev",
        "--version",
        "1.2.0",
        "--by",
        "ci",
        "--sandbox",
        "--sandbox-url",
        SANDBOX_URL);
    assertEquals("COMPLETED", awaitEnd("dev", "1.2.0"));
    ok(
        "env",
        "deliver",
        "cart",
        "1.2.0",
        "--to",
        "staging",
        "-f",
        SPEC.toString(),
        "--by",
        "alice",
        "--sandbox",
        "--sandbox-url",
        SANDBOX_URL);
    approveWhenAsked();
    assertEquals("ROLLED_BACK", awaitEnd("staging", "1.2.0"));
    assertEquals("1.1.0", version("staging", "cart").path("version").asText());
    Run refused = deliver("1.2.0", "prod");
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(
        refused.out().contains("1.2.0 is blocked: it rolled back in staging"), refused.out());
    JsonNode s = status();
    assertEquals("1.1.0", s.at("/environments/2/version").asText(), "prod keeps 1.1.0");
    // staging serves 1.1.0 again (1.2.0 rolled back): nothing new may go to prod
    assertEquals("1.1.0", s.at("/environments/1/version").asText());
    assertEquals("1.2.0", s.at("/environments/1/last/version").asText());
    assertEquals("ROLLED_BACK", s.at("/environments/1/last/outcome").asText());
    assertTrue(s.at("/environments/2/candidate").isNull(), s.toString());

    ok(
        "env",
        "override",
        "cart",
        "1.2.0",
        "--to",
        "prod",
        "--by",
        "olga",
        "--reason",
        "staging's database was down, INC-7");
    Run let = deliver("1.2.0", "prod");
    assertEquals(0, let.exit(), let.out());
    assertTrue(let.out().contains("let through by olga"), let.out());
    assertEquals("COMPLETED", awaitEnd("prod", "1.2.0"));
    s = status();
    assertEquals("1.2.0", s.at("/environments/2/version").asText());
    boolean recorded = false;
    for (JsonNode d : s.get("timeline")) {
      recorded |=
          d.path("kind").asText().equals("OVERRIDDEN")
              && d.path("who").asText().equals("olga")
              && d.path("why").asText().equals("staging's database was down, INC-7");
    }
    assertTrue(recorded, s.get("timeline").toString());
    System.out.println(ok("env", "status", "cart").out());
  }
}
