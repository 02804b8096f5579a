package io.glidepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.testing.Ports;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * An embedded Temporal test server in real time with a worker running both workflows against a
 * {@link SandboxWorld}, and the command line (picocli entry point, exit-code mapping and all)
 * pointed at it. Specs use second-long holds so releases end within seconds.
 */
public final class WithWorker implements AutoCloseable {
  public final SandboxWorld world = new SandboxWorld();
  public final TestServer.PortBoundTestServer server;
  public final String address;
  public final WorkflowServiceStubs stubs;
  public final WorkflowClient client;
  public final WorkerFactory factory;

  public WithWorker() throws IOException {
    var bound = Ports.bound(TestServer::createPortBoundServer);
    server = bound.server();
    int port = bound.port();
    address = "localhost:" + port;
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setIdentity("test-harness").build());
    io.glidepath.status.SearchAttributes.register(stubs, client.getOptions().getNamespace());
    factory = WorkerFactory.newInstance(client);
    Worker worker =
        factory.newWorker(
            ReleaseLauncher.TASK_QUEUE,
            // A busy two-core machine may be slow to schedule a workflow thread: no deadlock.
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    SandboxWorld.registerWorkflows(worker);
    worker.registerActivitiesImplementations(world.activities());
    worker.registerActivitiesImplementations(new io.glidepath.line.LineActivitiesImpl(client));
    factory.start();
  }

  /** A spec of {@code service} in {@code regions}, seconds-long, plus {@code extra} YAML. */
  public static String yaml(String service, String version, String extra, String... regions) {
    StringBuilder y =
        new StringBuilder(
            "service: "
                + service
                + "\nversion: "
                + version
                + "\nimage: ghcr.io/acme/"
                + service
                + ":"
                + version
                + "\nregions:\n");
    for (String r : regions) {
      y.append("  - name: ")
          .append(r)
          .append("\n    cluster: prod-")
          .append(r)
          .append("\n    namespace: shop\n    deployment: {stable: ")
          .append(service)
          .append("}\n    traffic: {type: gateway-api, route: r, stableBackend: s,")
          .append(" canaryBackend: c}\n");
    }
    return y.append("rollout: {mode: parallel}\nanalysis: {interval: 1s}\nsoak: 0s\n")
        .append(extra)
        .toString();
  }

  public record Run(int code, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  /**
   * Runs the command line with {@code --address} of this server added to the commands that talk to
   * Temporal (release commands but validate, line, freeze, unfreeze).
   */
  public Run run(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    boolean release =
        full.size() >= 2 && full.get(0).equals("release") && !full.get(1).equals("validate");
    if (release
        || (!full.isEmpty()
            && List.of("line", "freeze", "unfreeze", "env").contains(full.get(0)))) {
      full.add("--address");
      full.add(address);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GlidepathCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(full.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  public Run ok(String... args) {
    Run r = run(args);
    assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.all());
    return r;
  }

  /** Asks the release's status until it matches, for at most {@code max}. */
  public ReleaseStatus await(String service, Predicate<ReleaseStatus> condition, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    ReleaseStatus s = null;
    while (System.nanoTime() < deadline) {
      s = new ReleaseLauncher(client).release(service).status();
      if (condition.test(s)) {
        return s;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status never matched within " + max + ": " + s);
  }

  public static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
  }

  @Override
  public void close() {
    factory.shutdownNow();
    stubs.shutdownNow();
    server.close();
  }
}
