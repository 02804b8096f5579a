package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import io.glidepath.e2e.ReleaseEndToEndIT.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The CLI as the environment ITs drive cart's ledger through it: against one Temporal target, with
 * one spec and one sandbox of the test's own ({@code dev-server --sandbox-port}), whose deliveries
 * {@code alice} asks for and whose staging review gate {@code bo} approves.
 */
final class LedgerCli {
  private final Target target;
  private final Path spec;
  private final String sandboxUrl;

  LedgerCli(Target target, Path spec, int sandboxPort) {
    this.target = target;
    this.spec = spec;
    this.sandboxUrl = sandboxUrl(sandboxPort);
  }

  static String sandboxUrl(int sandboxPort) {
    return "http://127.0.0.1:" + sandboxPort;
  }

  /**
   * Starts the sandbox ({@code dev-server} on {@code target}'s Temporal server, its clusters on
   * {@code sandboxPort}), its output in {@code log}, and waits until it serves.
   */
  static Process sandbox(Target target, int sandboxPort, Path log, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dev-server", "--port", "" + target.port(), "--sandbox-port", "" + sandboxPort));
    args.addAll(List.of(more));
    Process sandbox = ReleaseEndToEndIT.devJar("java", target, log, args);
    ReleaseEndToEndIT.awaitLog(log, "Stop with Ctrl-C");
    String said = Files.readString(log);
    assertTrue(said.contains("Sandbox on " + sandboxUrl(sandboxPort)), said);
    return sandbox;
  }

  Run cli(String... args) throws Exception {
    return ReleaseEndToEndIT.cli(target, args);
  }

  Run ok(String... args) throws Exception {
    Run r = cli(args);
    assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.out());
    return r;
  }

  /** {@code env status cart} as JSON. */
  JsonNode status() throws Exception {
    return new ObjectMapper().readTree(ok("env", "status", "cart", "--output", "json").out());
  }

  /** {@code release start} of {@code version} in {@code environment}, started by {@code ci}. */
  void start(String environment, String version) throws Exception {
    ok(
        "release",
        "start",
        "-f",
        spec.toString(),
        "--env",
        environment,
        "--version",
        version,
        "--by",
        "ci",
        "--sandbox",
        "--sandbox-url",
        sandboxUrl);
  }

  /** {@code env deliver} of {@code version} to {@code to}, asked for by {@code alice}. */
  Run deliver(String version, String to) throws Exception {
    return cli(
        "env",
        "deliver",
        "cart",
        version,
        "--to",
        to,
        "-f",
        spec.toString(),
        "--by",
        "alice",
        "--sandbox",
        "--sandbox-url",
        sandboxUrl);
  }

  /** {@link #deliver}, which must be let through. */
  Run delivered(String version, String to) throws Exception {
    Run r = deliver(version, to);
    assertEquals(0, r.exit(), "deliver " + version + " to " + to + ": " + r.out());
    return r;
  }

  /** Polls the ledger until {@code environment}'s last release of {@code version} ended. */
  String awaitEnd(String environment, String version) throws Exception {
    JsonNode s =
        await(
            environment,
            Duration.ofMinutes(3),
            "never ended its release of " + version,
            e ->
                e.path("last").path("version").asText().equals(version)
                    && !e.path("last").path("outcome").asText().equals("RUNNING"));
    return environment(s, environment).path("last").path("outcome").asText();
  }

  /**
   * Polls {@code env status cart} for at most {@code limit} until {@code environment}'s entry meets
   * {@code done}, and returns that status; fails saying the environment {@code never}.
   */
  JsonNode await(String environment, Duration limit, String never, Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonNode s = null;
    while (System.nanoTime() < deadline) {
      s = status();
      JsonNode e = environment(s, environment);
      if (e != null && done.test(e)) {
        return s;
      }
      Thread.sleep(300);
    }
    throw new AssertionError(environment + " " + never + ": " + s);
  }

  /** {@code environment}'s entry in the ledger's status {@code s}, or null. */
  static JsonNode environment(JsonNode s, String environment) {
    for (JsonNode e : s.get("environments")) {
      if (e.path("name").asText().equals(environment)) {
        return e;
      }
    }
    return null;
  }

  /** Polls {@code release status cart} for 90 s until it matches {@code regex}. */
  void awaitStatus(String regex) throws Exception {
    Pattern p = Pattern.compile(regex);
    String last = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      last = cli("release", "status", "cart").out();
      if (p.matcher(last).find()) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("status never matched " + regex + ": " + last);
  }

  /**
   * Approves staging's review gate as {@code bo}, a reviewer, retrying for 2 min while the gate is
   * not open yet or the worker reconnects to a restarted server.
   */
  void approveStaging() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Run r = null;
    while (System.nanoTime() < deadline) {
      r =
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
    throw new AssertionError("the staging gate was never approved: " + r.out());
  }
}
