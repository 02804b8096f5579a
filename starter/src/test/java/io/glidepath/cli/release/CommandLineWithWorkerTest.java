package io.glidepath.cli.release;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.cli.WithWorker;
import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a server with a worker: releases that really run. */
class CommandLineWithWorkerTest {
  static WithWorker w;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    w = new WithWorker();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  static String spec(String service, String version, String extra, String... regions)
      throws Exception {
    Path file = dir.resolve(service + "-" + version + ".yaml");
    Files.writeString(file, WithWorker.yaml(service, version, extra, regions));
    return file.toString();
  }

  @Test
  void theClientIdentityTravelsWithEveryRequestAndShowsBesideTheNameClaimed() throws Exception {
    String file =
        spec(
            "till",
            "1.1.0",
            "approval: {gates: [release], required: {sre: 2}, approvers: anyone}\n"
                + "strategy: {canary: {stages: [{weight: 100, hold: 1s}]}}\n",
            "us-east");
    w.ok("release", "start", "-f", file, "--by", "alice", "--identity", "alice@ci");
    w.await("till", s -> !s.pendingApprovals().isEmpty(), Duration.ofSeconds(30));
    w.ok(
        "release",
        "approve",
        "till",
        "--gate",
        "release",
        "--by",
        "bob",
        "--role",
        "sre",
        "--identity",
        "bob@laptop");
    w.ok("release", "pause", "till", "--by", "carol", "--reason", "a look");
    String status = w.ok("release", "status", "till").out();
    assertContains(status, "by alice (via alice@ci)");
    assertContains(status, "approved by bob (via bob@laptop)");
    String history = w.ok("release", "history", "till").out();
    assertContains(history, "bob (via bob@laptop)");
    String host = TemporalOptions.defaultIdentity(System.getProperty("user.name"), "x");
    assertContains(history, "carol (via " + host.substring(0, host.length() - 1));
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var statusJson = json.readTree(w.ok("release", "status", "till", "--output", "json").out());
    assertEquals("alice", statusJson.path("status").path("requestedBy").asText());
    assertEquals("alice@ci", statusJson.path("startedIdentity").asText());
    assertEquals("AWAITING_APPROVAL", statusJson.path("status").path("phase").asText());
    var historyJson = json.readTree(w.ok("release", "history", "till", "-o", "json").out());
    assertContains(historyJson.path("entries").toString(), "\"identity\":\"bob@laptop\"");
    var listJson = json.readTree(w.ok("release", "list", "-o", "json").out());
    assertContains(listJson.toString(), "\"workflowId\":\"release-till\"");
    var refused = w.run("release", "pause", "till", "--reason", "x", "--identity", "bob laptop");
    assertEquals(2, refused.code(), refused::all);
    assertContains(refused.err(), "--identity may hold only");
    w.client.newUntypedWorkflowStub("release-till").terminate("test over");
  }

  @Test
  void promoteEndsAStageEarlyOrGoesStraightToFullAndShowsARefusalAsIs() throws Exception {
    String file =
        spec(
            "cart",
            "1.2.0",
            "strategy: {canary: {stages: [{weight: 20, hold: 10m}, {weight: 50, hold: 10m, gate:"
                + " true}, {weight: 100, hold: 10m}]}}\napproval: {approvers: anyone}\n",
            "us-east");
    w.ok("release", "start", "-f", file, "--by", "alice");
    w.await(
        "cart",
        s -> s.regions().get(0).stage() == 1 && s.regions().get(0).phase() == RegionPhase.OBSERVING,
        Duration.ofSeconds(30));
    var refused = w.run("release", "advance", "cart", "--full", "--by", "bob", "--reason", "hurry");
    assertEquals(2, refused.code(), refused::all);
    assertEquals(1, refused.err().strip().lines().count(), refused::all);
    assertContains(refused.err(), "glidepath: refused: ");
    var one =
        w.ok(
            "release",
            "advance",
            "cart",
            "--region",
            "us-east",
            "--by",
            "bob",
            "--reason",
            "dashboards clean");
    assertContains(one.out(), "advance of us-east requested");
    w.await("cart", s -> !s.pendingApprovals().isEmpty(), Duration.ofSeconds(30));
    w.ok("release", "approve", "cart", "--gate", "stage:us-east:2", "--by", "bob");
    w.await(
        "cart",
        s -> s.regions().get(0).stage() == 2 && s.regions().get(0).phase() == RegionPhase.OBSERVING,
        Duration.ofSeconds(30));
    w.ok("release", "advance", "cart", "--full", "--by", "bob", "--reason", "all good");
    // The workflow closes a moment after its phase says completed (the last notifications).
    assertEquals(
        ReleasePhase.COMPLETED,
        new io.glidepath.client.ReleaseLauncher(w.client).result("cart").phase());
    assertContains(
        w.run("release", "advance", "cart", "--by", "bob", "--reason", "late").err(),
        "already ended (completed); the advance was not sent");
    assertContains(w.ok("release", "history", "cart").out(), "full advance of us-east");
    // The old name still works, and says the new one.
    assertContains(
        w.run("release", "promote", "cart", "--by", "bob", "--reason", "late").err(),
        "release promote is now release advance");
  }

  @Test
  void startReturnsOncePreflightPassedOrFailedAndStatusSaysWhyAReleaseFailed() throws Exception {
    String good =
        spec(
            "shelf",
            "2.0.0",
            "strategy: {canary: {stages: [{weight: 100, hold: 1s}]}}\n",
            "us-east");
    var started = w.ok("release", "start", "-f", good, "--by", "alice");
    assertContains(started.out(), "started release-shelf");
    assertContains(started.out(), "preflight passed: shelf 2.0.0");
    // Its result, not its phase: the phase says completed a moment before the run closes with the
    // summary that status prints.
    new io.glidepath.client.ReleaseLauncher(w.client).result("shelf");
    assertContains(w.ok("release", "status", "shelf").out(), "  completed: ");

    w.world.unhealthyStable.add("eu-north");
    String bad =
        spec(
            "basket",
            "3.0.0",
            "strategy: {canary: {stages: [{weight: 100, hold: 1s}]}}\n",
            "us-east",
            "eu-north");
    var failed = w.run("release", "start", "-f", bad, "--by", "alice");
    assertEquals(1, failed.code(), failed::all);
    assertContains(failed.out(), "started release-basket");
    assertEquals(1, failed.err().strip().lines().count(), failed::all);
    assertContains(failed.err(), "glidepath: release-basket failed: ");
    assertContains(failed.err(), "has 1/3 ready pods");
    String status = w.ok("release", "status", "basket").out();
    assertContains(status, "basket 3.0.0 (release-basket, by alice (via ");
    assertContains(status, "  failed: ");
    assertContains(status, "has 1/3 ready pods");
  }

  @Test
  void revertReleasesWhatServedBeforeTheLastCompletedReleaseGraduallyOrInOneSwitch()
      throws Exception {
    assertContains(
        w.run("release", "revert", "nothing", "--by", "bob", "--reason", "x").err(),
        "no completed release of nothing");
    String file =
        spec(
            "pantry",
            "1.5.0",
            "strategy: {canary: {stages: [{weight: 100, hold: 3s}]}}\n",
            "us-east",
            "eu-west");
    w.ok("release", "start", "-f", file, "--by", "alice");
    var busy = w.run("release", "revert", "pantry", "--by", "bob", "--reason", "bad schema");
    assertEquals(2, busy.code(), busy::all);
    assertContains(busy.err(), "release-pantry is running; a revert starts after it ends");
    w.await("pantry", s -> s.phase() == ReleasePhase.COMPLETED, Duration.ofSeconds(60));

    var gradual = w.ok("release", "revert", "pantry", "--by", "bob", "--reason", "bad schema");
    assertContains(
        gradual.out(),
        "revert of pantry 1.5.0 to 2.3.0 (ghcr.io/acme/checkout:2.3.0), what served before it;"
            + " reason: bad schema");
    assertContains(
        gradual.out(), "plan: staged: canary 25/50/100 in us-east, eu-west, parallel, soak ");
    assertContains(gradual.out(), "preflight passed: pantry 2.3.0");
    assertContains(gradual.out(), " of 2 regions serve 2.3.0 ");
    var request = OnRelease.request(w.client, "release-pantry", null);
    assertEquals("bob", request.requestedBy());
    assertContains(
        w.client
                .fetchHistory("release-pantry")
                .getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .toString()
            + w.client
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(
                            io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                .setWorkflowId("release-pantry"))
                        .build())
                .toString(),
        "bad schema");
    assertEquals("2.3.0", request.spec().version());
    assertEquals(
        java.util.List.of(25, 50, 100),
        request.spec().strategy().canary().stages().stream()
            .map(io.glidepath.model.StageSpec::weight)
            .toList());
    assertEquals(
        io.glidepath.model.Defaults.seedThresholds(25),
        request.spec().strategy().canary().stages().get(0).thresholds());
    endIfRunning("release-pantry", "us-east", "eu-west");

    var oneSwitch =
        w.ok(
            "release",
            "revert",
            "pantry",
            "--region",
            "eu-west",
            "--immediate",
            "--by",
            "bob",
            "--reason",
            "now");
    assertContains(
        oneSwitch.out(),
        "plan: immediate: eu-west, no delay between regions, no approval gate; each switches 100%"
            + " to 2.3.0 as soon as its pods are ready");
    assertContains(oneSwitch.out(), "1 of 1 regions serve 2.3.0 ");
    request = OnRelease.request(w.client, "release-pantry", null);
    assertEquals(io.glidepath.model.StrategyType.BLUE_GREEN, request.spec().strategy().type());
    assertEquals(1, request.spec().regions().size());
    endIfRunning("release-pantry"); // a blue-green switch in the sandbox may be done already

    var promoteNowAlone =
        w.run("release", "revert", "pantry", "--promote-now", "--by", "bob", "--reason", "now");
    assertEquals(2, promoteNowAlone.code(), promoteNowAlone::all);
    assertContains(promoteNowAlone.err(), "--promote-now goes with --immediate");
  }

  private static void endIfRunning(String workflowId, String... regions) throws Exception {
    // Cancelled, not terminated: the release then waits for its regions to compensate and close,
    // and the next run starts its regions under the same ids.
    try {
      w.client.newUntypedWorkflowStub(workflowId).cancel();
    } catch (io.temporal.client.WorkflowNotFoundException alreadyClosed) {
      // it ended by itself
    }
    for (String id :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(workflowId),
                java.util.Arrays.stream(regions).map(r -> workflowId + "-" + r))
            .toList()) {
      for (int i = 0; i < 300 && !Preflight.closed(w.client, "default", id); i++) {
        Thread.sleep(100);
      }
    }
  }

  @Test
  void stopTheLineRefusesNewReleasesUntilUnfrozen() throws Exception {
    String file =
        spec(
            "larder",
            "1.1.0",
            "strategy: {canary: {stages: [{weight: 100, hold: 1s}]}}\n",
            "us-east");
    w.ok("line", "stop", "--service", "larder", "--reason", "incident 4711", "--by", "alice");
    assertTrue(w.ok("line", "status").out().contains("larder stopped by alice"));
    var refused = w.run("release", "start", "-f", file, "--by", "alice");
    assertEquals(2, refused.code(), refused.toString());
    assertTrue(
        refused.err().contains("refused, the line is stopped: larder stopped by alice")
            && refused.err().contains("incident 4711"),
        refused.err());
    var twice = w.run("line", "stop", "--service", "larder", "--reason", "again", "--by", "bob");
    assertEquals(2, twice.code());
    assertTrue(twice.err().contains("already in force"), twice.err());
    w.ok("line", "resume", "--service", "larder", "--reason", "resolved", "--by", "alice");
    assertTrue(w.ok("line", "status").out().contains("the line moves"));
    w.ok("release", "start", "-f", file, "--by", "alice");
    // The old names still work, and say the new ones.
    var old = w.run("freeze", "--status");
    assertEquals(0, old.code(), old::all);
    assertContains(old.err(), "freeze is now line stop, and freeze --status line status");
    assertContains(old.out(), "the line moves");
  }
}
