package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.EventType;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seeds' routine controls: hooks with undo, the go-live sign-off, escalation, loud holds. */
class RoutineControlsTest {
  private static final String HOOKS =
      """
      hooks:
        - name: snapshot
          at: before-deploy
          http: {url: SNAPSHOT_URL}
        - name: migrate
          at: before-traffic
          job: {image: ghcr.io/acme/checkout-migrate:2.4.0, args: [up], timeout: 10m}
          undo: {job: {image: ghcr.io/acme/checkout-migrate:2.4.0, args: [down]}}
        - name: purge-cdn
          at: after-promotion
          http: {url: CDN_PURGE_URL, method: POST, expect: 202}
      """;

  private final Harness h = new Harness();
  private final SandboxWorld world = h.world;

  @AfterEach
  void close() {
    h.close();
  }

  private List<String> calls() {
    return List.copyOf(world.calls);
  }

  @Test
  void hooksRunAtTheirPointsInOrder() {
    ReleaseSpec spec = Harness.oneRegion(HOOKS + "soak: 0s\n");
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    List<String> c = calls();
    int snapshot = c.indexOf("hook us-east snapshot");
    int deploy = c.indexOf("deploy us-east");
    int verify = c.indexOf("verify us-east");
    int migrate = c.indexOf("hook us-east migrate");
    int firstShift = c.indexOf("weight us-east 10");
    int promote = c.indexOf("promote us-east");
    int purge = c.indexOf("hook us-east purge-cdn");
    assertTrue(snapshot >= 0 && snapshot < deploy, c.toString());
    assertTrue(verify < migrate && migrate < firstShift, c.toString());
    assertTrue(promote < purge, c.toString());
    assertTrue(c.stream().noneMatch(x -> x.startsWith("hook-undo")), "nothing undone: " + c);
    assertTrue(
        h.regionTimeline(spec, "us-east").stream()
            .anyMatch(
                d ->
                    d.what().equals("hook migrate ran")
                        && d.why().contains("job ghcr.io/acme/checkout-migrate:2.4.0 up")));
  }

  @Test
  void aBreachAfterTheMigrationUndoesItOnceTrafficIsBackOnStable() {
    world.breach("us-east", 50, "error-rate", 0.03);
    ReleaseSpec spec = Harness.oneRegion(HOOKS + "soak: 0s\n");
    h.start(spec);
    ReleaseResult result = h.result(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    List<String> c = calls();
    int back = c.lastIndexOf("weight us-east 0");
    int undo = c.indexOf("hook-undo us-east migrate");
    assertTrue(back >= 0 && undo > back, "undo after traffic is back on stable: " + c);
    assertTrue(c.indexOf("scale-down us-east") > undo, "new version down last: " + c);
    assertTrue(c.stream().noneMatch(x -> x.contains("purge-cdn")), c.toString());

    // The timeline tells the compensation in the order it happened, each step when it was done.
    List<String> told =
        h.regionTimeline(spec, "us-east").stream()
            .map(d -> d.what())
            .filter(
                w ->
                    List.of(
                            "rollback triggered",
                            "traffic back on stable",
                            "hook migrate undone",
                            "new version scaled down")
                        .contains(w))
            .toList();
    assertEquals(
        List.of(
            "rollback triggered",
            "traffic back on stable",
            "hook migrate undone",
            "new version scaled down"),
        told);
  }

  @Test
  void aFailedHookRollsBackByDefaultWithTheJobsWords() {
    world.failingHooks.add("migrate");
    ReleaseSpec spec = Harness.oneRegion(HOOKS + "soak: 0s\n");
    h.start(spec);
    ReleaseResult result = h.result(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    assertTrue(
        result.regions().get(0).reason().contains("hook migrate failed")
            && result.regions().get(0).reason().contains("relation already exists"),
        result.regions().get(0).reason());
    assertTrue(
        calls().stream().noneMatch(x -> x.equals("hook-undo us-east migrate")),
        "a hook that failed has no undo to run");
    assertTrue(calls().stream().noneMatch(x -> x.startsWith("weight us-east 10")));
  }

  @Test
  void onFailureHoldHoldsLoudlyUntilAPersonResumes() {
    world.failingHooks.add("migrate");
    ReleaseSpec spec =
        Harness.oneRegion(
            HOOKS.replace("args: [down]}}", "args: [down]}}\n    onFailure: hold") + "soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(
        release, s -> s.regions().get(0).phase() == RegionPhase.HOLDING, Duration.ofHours(1));
    h.env.sleep(Duration.ofHours(3));
    assertEquals(RegionPhase.HOLDING, release.status().regions().get(0).phase());
    assertTrue(calls().stream().noneMatch(x -> x.startsWith("weight us-east")), "nothing moved");
    assertTrue(
        world.events.stream()
            .anyMatch(
                e ->
                    e.type() == EventType.ATTENTION
                        && e.message().contains("hook migrate failed")
                        && e.message().contains("glidepath release resume checkout")),
        "the hold says what is needed");
    release.resume(new Control("carol", "migrated by hand", null));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
  }

  @Test
  void theGoLiveGateWaitsWatchedAfterTheSoakUntilApproved() {
    ReleaseSpec spec =
        Harness.oneRegion(
            "approval: {gates: [go-live], approvers: anyone, timeout: 24h}\nsoak: 2h\n");
    ReleaseWorkflow release = h.start(spec);
    var waiting =
        h.awaitStatus(
            release,
            s -> s.pendingApprovals().stream().anyMatch(g -> g.gate().equals("go-live")),
            Duration.ofHours(4));
    assertEquals(RegionPhase.WATCHING, waiting.regions().get(0).phase(), "still watched");
    h.env.sleep(Duration.ofHours(6));
    assertEquals(ReleasePhase.AWAITING_APPROVAL, release.status().phase());
    release.approve(new Approval("go-live", "bob", null, "all metrics within thresholds"));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
  }

  @Test
  void anOpenGateEscalatesOnceAfterItsTime() {
    ReleaseSpec spec =
        Harness.oneRegion(
            "approval:\n  gates: [release]\n  approvers: anyone\n  timeout: 24h\n"
                + "  escalate: [{after: 4h, notify: SLACK_ESCALATION_WEBHOOK}]\nsoak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofMinutes(1));
    h.env.sleep(Duration.ofHours(3));
    assertTrue(escalations().isEmpty(), "not before 4h");
    h.env.sleep(Duration.ofHours(6));
    List<ReleaseEvent> sent = escalations();
    assertEquals(1, sent.size(), "once per step: " + sent);
    assertEquals("SLACK_ESCALATION_WEBHOOK", sent.get(0).targets().slackIncidents());
    assertTrue(sent.get(0).message().contains("gate release waits for approval: open for 4h"));
    release.approve(new Approval(null, "bob", null, "ok"));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
  }

  private List<ReleaseEvent> escalations() {
    return world.events.stream().filter(e -> e.type() == EventType.ESCALATION).toList();
  }

  @Test
  void aFailingMetricPreflightMovesNothingAndNamesTheValues() {
    world.metrics =
        (r, w, q, c) ->
            r.equals("eu-west") && q.equals("cpu") ? 0.72 : SandboxWorld.healthy(r, w, q, c);
    ReleaseSpec spec = Harness.spec("preflight: {checks: {cpu: 60%, memory: 60%}}\n");
    h.start(spec);
    ReleaseResult result = h.result(spec);
    assertEquals(ReleasePhase.FAILED, result.phase());
    assertTrue(
        result.summary().contains("preflight failed, nothing moved")
            && result.summary().contains("eu-west (stable 2.3.0)")
            && result.summary().contains("cpu 72% > 60%"),
        result.summary());
    assertTrue(world.weights.isEmpty(), "no traffic moved");
    assertTrue(calls().stream().noneMatch(x -> x.startsWith("deploy")), "nothing deployed");
  }

  @Test
  void aPassingMetricPreflightRecordsEachRegionsBaseline() {
    ReleaseSpec spec = Harness.oneRegion("preflight: {checks: {cpu: 60%}}\nsoak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    ReleaseResult result = h.result(spec);
    assertEquals(ReleasePhase.COMPLETED, result.phase());
    var baseline = result.before().get("us-east");
    assertEquals("cpu", baseline.checks().get(0).name());
    assertEquals(0.3, baseline.checks().get(0).value(), 1e-9);
    assertTrue(
        release.status().timeline().stream()
            .anyMatch(d -> d.what().equals("baseline of us-east") && d.why().contains("cpu 30%")));
  }
}
