package io.glidepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import io.glidepath.testing.Ports;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line (picocli entry point, exit-code mapping and all) against an embedded Temporal
 * test server on which no worker polls: every command answers within seconds, says what happened,
 * and bad arguments are one line with exit 2 that change nothing.
 */
class NoWorkerCommandLineTest {
  static final long FAST_MILLIS = 10_000;

  static TestServer.PortBoundTestServer server;
  static WorkflowServiceStubs stubs;
  static WorkflowClient client;
  static String address;

  @BeforeAll
  static void serverWithoutWorker() throws IOException {
    var bound = Ports.bound(TestServer::createPortBoundServer);
    server = bound.server();
    int port = bound.port();
    address = "localhost:" + port;
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    client = WorkflowClient.newInstance(stubs);
    ReleaseLauncher launcher = new ReleaseLauncher(client);
    launcher.start(spec("cart"), "alice");
    launcher.start(spec("ledger"), "alice");
    client.newUntypedWorkflowStub("release-ledger").terminate("ended for the test");
  }

  @AfterAll
  static void stop() {
    stubs.shutdownNow();
    server.close();
  }

  static ReleaseSpec spec(String service) {
    return SpecParser.parse(
        """
        service: %s
        version: 1.10
        image: ghcr.io/acme/%s:1.10
        regions:
          - name: us-east
            cluster: prod-us
            namespace: shop
            deployment: {stable: %s}
            traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}
        approval:
          gates: [release]
          required: {sre: 1}
          approvers: {bob: [sre], carol: [sre, functional]}
        """
            .formatted(service, service, service),
        "test spec");
  }

  record Run(int code, String out, String err, long millis) {
    String all() {
      return out + err;
    }
  }

  static Run run(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    if (full.size() >= 2 && full.get(0).equals("release") && !List.of(args).contains("--help")) {
      full.add("--address");
      full.add(address);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GlidepathCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int code = cli.execute(full.toArray(String[]::new));
    long millis = (System.nanoTime() - start) / 1_000_000;
    Run r = new Run(code, out.toString(), err.toString(), millis);
    assertTrue(r.millis() < FAST_MILLIS, () -> String.join(" ", args) + " took " + r.millis());
    return r;
  }

  static void assertRefused(Run r, String expected) {
    assertEquals(2, r.code(), r::all);
    assertEquals(1, r.err().strip().lines().count(), () -> "one line: " + r.err());
    assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in " + r.err());
  }

  static int events(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().size();
  }

  @Test
  void everyCommandAndSubcommandAnswersHelp() {
    List<List<String>> commands = new ArrayList<>();
    collect(GlidepathCommand.commandLine(), new ArrayList<>(), commands);
    assertTrue(commands.size() >= 13, commands::toString);
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      Run r = run(args.toArray(String[]::new));
      assertEquals(0, r.code(), () -> command + ": " + r.all());
      assertTrue(r.out().contains("Usage:"), () -> command + ": " + r.all());
    }
    assertEquals(0, run("release", "list", "-h").code());
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
    out.add(path);
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> next = new ArrayList<>(path);
              next.add(name);
              collect(sub, next, out);
            });
  }

  @Test
  void queriesAndUpdatesSayNoWorkerPollsWithinSeconds() {
    int before = events("release-cart");
    Run status = run("release", "status", "cart");
    assertEquals(3, status.code(), status::all);
    assertTrue(status.err().contains("no worker is polling"), status::all);
    assertTrue(status.err().contains("the release itself is safe"), status::all);

    Run history = run("release", "history", "cart");
    assertEquals(3, history.code(), history::all);

    Run approve = run("release", "approve", "cart", "--gate", "release", "--by", "bob");
    assertEquals(3, approve.code(), approve::all);
    assertTrue(approve.err().contains("the approval was not sent"), approve::all);

    Run rollback =
        run("release", "rollback", "cart", "--region", "us-east", "--reason", "bad", "--by", "bob");
    assertEquals(3, rollback.code(), rollback::all);
    assertTrue(rollback.err().contains("the rollback was not sent"), rollback::all);
    Run promote = run("release", "advance", "cart", "--reason", "looks fine", "--by", "bob");
    assertEquals(3, promote.code(), promote::all);
    assertTrue(promote.err().contains("the advance was not sent"), promote::all);
    assertEquals(before, events("release-cart"), "nothing was sent");
  }

  @Test
  void badArgumentsAreOneLineExitTwoAndChangeNothing() {
    int before = events("release-cart");
    assertRefused(run("release", "status", "nosuch"), "no release of nosuch");
    assertRefused(
        run("release", "approve", "cart", "--gate", "stage:mars:1", "--by", "bob"),
        "has no region mars");
    assertRefused(
        run("release", "approve", "cart", "--gate", "stage:us-east:9", "--by", "bob"),
        "there is no stage 9");
    assertRefused(
        run("release", "approve", "cart", "--gate", "launch", "--by", "bob"), "no gate is called");
    assertRefused(
        run("release", "rollback", "cart", "--region", "mars", "--reason", "x", "--by", "bob"),
        "has no region mars");
    assertRefused(
        run("release", "abort", "ledger", "--reason", "too late", "--by", "bob"),
        "release-ledger already ended (terminated); the abort was not sent");
    assertRefused(run("release", "abort", "cart", "--reason", "", "--by", "bob"), "--reason");
    assertRefused(run("release", "abort", "cart", "--reason", "   ", "--by", "bob"), "is empty");
    assertRefused(
        run("release", "pause", "cart", "--reason", "x".repeat(100_000), "--by", "bob"),
        "--reason is 100000 characters long");
    assertRefused(
        run("release", "pause", "cart", "--reason", "line\u0000two", "--by", "bob"),
        "control characters");
    for (String by : List.of("bob;rm -rf /", "$(id)", "bob`x`", "bob|tee", "bob\u0007", "b o b")) {
      Run r = run("release", "abort", "cart", "--reason", "x", "--by", by);
      assertRefused(r, "--by may hold only");
      assertTrue(!r.err().contains(by), r::err);
    }
    assertRefused(run("release", "abort", "cart", "--reason", "x", "--by", ""), "--by is empty");
    assertRefused(
        run("release", "approve", "cart", "--gate", "release", "--by", "bob", "--comment", ""),
        "--comment is empty");
    assertRefused(
        run(
            "release",
            "approve",
            "cart",
            "--gate",
            "release",
            "--by",
            "bob",
            "--comment",
            "y".repeat(501)),
        "--comment is 501 characters long");
    assertRefused(
        run("release", "pause", "cart", "--reason", "x", "--identity", "bob;rm"),
        "--identity may hold only");
    assertRefused(
        run("release", "pause", "cart", "--reason", "x", "--identity", "a".repeat(65)),
        "--identity is longer than 64 characters");
    assertRefused(
        run("release", "advance", "cart", "--region", "mars", "--reason", "x", "--by", "bob"),
        "has no region mars");
    assertRefused(
        run("release", "revert", "cart", "--reason", "x", "--by", "bob"),
        "release-cart is running; a revert starts after it ends");
    assertRefused(
        run("release", "revert", "ledger", "--reason", "x", "--by", "bob"),
        "no completed release of ledger");
    assertEquals(before, events("release-cart"), "nothing was sent");
  }

  @Test
  void aSignalWithoutAWorkerIsRecordedAndSaysWhenItTakesEffect() {
    Run r = run("release", "pause", "cart", "--reason", "checking a dashboard", "--by", "bob");
    assertEquals(0, r.code(), r::all);
    assertTrue(r.out().contains("takes effect as soon as a worker starts"), r::all);
  }
}
