package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.testing.Ports;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev-server} (its in-memory Temporal server and the sandbox's Prometheus are its children)
 * SIGKILLed while a release runs and {@code release watch} follows it: watch says at once that the
 * server is gone and what that loses, and no child of the dev server is left running.
 */
class DevServerKilledIT {
  @TempDir Path dir;
  Process server;
  Process worker;
  Process watch;

  @AfterEach
  void stop() throws Exception {
    for (Process p : new Process[] {watch, worker, server}) {
      if (p != null) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void watchSaysTheServerIsGoneAndNoChildIsLeft() throws Exception {
    DevServers.cli(); // the temporal CLI, or a failure (CI) or skip saying how to get it
    int port = Ports.free();
    var target = new ReleaseEndToEndIT.Target("localhost:" + port, "default");
    server =
        new ProcessBuilder(
                "java",
                "-jar",
                ReleaseEndToEndIT.DEV_JAR.toString(),
                "dev-server",
                "--port",
                "" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    ReleaseEndToEndIT.awaitLog(dir.resolve("server.log"), "Stop with Ctrl-C");
    assertTrue(
        Files.readString(dir.resolve("server.log")).contains("(in memory)"),
        "the dev server hosts an in-memory Temporal server");
    worker = ReleaseEndToEndIT.worker(target, dir.resolve("worker.log"), 18083);
    ReleaseEndToEndIT.awaitReady(18083, dir.resolve("worker.log"));
    Path spec = dir.resolve("checkout.yaml");
    Files.writeString(
        spec,
        """
        service: checkout
        version: 3.1.0
        image: ghcr.io/acme/checkout:3.1.0
        regions:
          - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: checkout},
             traffic: {type: gateway-api, route: checkout, stableBackend: checkout,
                       canaryBackend: checkout-canary}}
        strategy: {canary: {stages: [{weight: 10%, hold: 10m}, {weight: 100%, hold: 10m}]}}
        analysis: {interval: 5s}
        """);
    var start = ReleaseEndToEndIT.cli(target, "release", "start", "-f", spec.toString());
    assertEquals(0, start.exit(), start.out());

    File watched = dir.resolve("watch.log").toFile();
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "-jar",
                ReleaseEndToEndIT.CLI.toString(),
                "release",
                "watch",
                "checkout",
                "--every",
                "1s")
            .redirectErrorStream(true)
            .redirectOutput(watched);
    pb.environment().putAll(target.env());
    watch = pb.start();
    ReleaseEndToEndIT.awaitLog(watched.toPath(), "us-east");

    List<ProcessHandle> children = server.descendants().toList();
    assertFalse(children.isEmpty(), "the dev server runs the temporal CLI as a child");
    long killed = System.nanoTime();
    server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

    assertTrue(watch.waitFor(10, TimeUnit.SECONDS), "watch ends within 10 s of the server");
    Duration took = Duration.ofNanos(System.nanoTime() - killed);
    String out = Files.readString(watched.toPath(), StandardCharsets.UTF_8);
    System.out.printf("watch reported the lost server after %s%n", took);
    assertEquals(3, watch.exitValue(), out);
    assertTrue(
        out.contains("the Temporal server does not answer")
            && out.contains("its releases are lost with it"),
        out);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(
        List.of(),
        children.stream().filter(ProcessHandle::isAlive).map(this::describe).toList(),
        "no child of the killed dev server is left running");
  }

  private String describe(ProcessHandle p) {
    return p.pid() + " " + p.info().commandLine().orElse("?");
  }
}
