package io.glidepath.worker.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The board's rendering, identity and CSRF rules, and how actions map to the workflow's. */
class BoardTest {
  static final long NOW = 1_800_000_000_000L;
  static final String ID = "release-cart";

  /** Records the actions instead of sending them; answers a fixed status. */
  static final class FakeReleases extends Releases {
    final List<String> sent = new ArrayList<>();
    ReleaseStatus status = BoardTest.status("alice <b>&", RegionPhase.AWAITING_APPROVAL);
    String refusal;

    FakeReleases() {
      super(null);
    }

    @Override
    List<BoardView.Row> list() {
      return List.of(new BoardView.Row(ID, "running", true, NOW));
    }

    @Override
    ReleaseStatus status(String workflowId) {
      return status;
    }

    @Override
    Map<String, RegionStatus> regions(String workflowId, ReleaseStatus s) {
      return Map.of();
    }

    io.glidepath.environment.LedgerState ledger =
        io.glidepath.environment.LedgerState.empty("cart");

    @Override
    io.glidepath.environment.LedgerState environments(String service) {
      return ledger;
    }

    private Outcome record(String what) {
      sent.add(what);
      return refusal == null ? new Outcome(true, "sent") : new Outcome(false, refusal);
    }

    @Override
    Outcome approve(String id, BoardIdentity who, String gate, String role, String comment) {
      return record(
          "approve " + gate + " " + who.name() + " " + who.identity() + " " + role + " " + comment);
    }

    @Override
    Outcome pause(String id, BoardIdentity who, String reason) {
      return record("pause " + who.name() + " " + reason);
    }

    @Override
    Outcome resume(String id, BoardIdentity who, String reason) {
      return record("resume " + who.name() + " " + reason);
    }

    @Override
    Outcome abort(String id, BoardIdentity who, String reason) {
      return record("abort " + who.name() + " " + reason);
    }

    @Override
    Outcome rollback(String id, BoardIdentity who, String region, String reason) {
      return record("rollback " + region + " " + who.name() + " " + reason);
    }
  }

  static ReleaseStatus status(String requestedBy, RegionPhase phase) {
    QueryVerdict p95 =
        new QueryVerdict(
            "p95-latency", Verdict.PASS, 0.32, 0.45, FailWhen.ABOVE, MetricUnit.SECONDS, "q", null);
    WindowSummary w = new WindowSummary(Verdict.PASS, 5, 5, 0, 0, 0, List.of(p95), "5 of 5 passed");
    RegionStatus us =
        new RegionStatus(
            "us-east",
            phase,
            2,
            3,
            10,
            false,
            w,
            "stage:us-east:2",
            null,
            List.of(),
            NOW - 5000,
            NOW + 25_000);
    RegionStatus eu = RegionStatus.pending("eu-west", 3);
    PendingApproval gate =
        new PendingApproval(
            "stage:us-east:2",
            "before 50% in us-east",
            NOW - 1000,
            NOW + 60_000,
            List.of(),
            Map.of("any", 1));
    Decision d =
        new Decision(
            NOW - 2000,
            "bob",
            "paused <i>",
            "checking <script>x</script>",
            DecisionKind.PAUSED,
            "board:bob@example.com");
    return new ReleaseStatus(
        ID,
        "cart",
        "1.1.0",
        requestedBy,
        ReleasePhase.ROLLING_OUT,
        false,
        List.of(us, eu),
        List.of(gate),
        List.of(d));
  }

  FakeReleases releases = new FakeReleases();
  MetricSamples samples = new MetricSamples(null, () -> NOW);
  Board board = new Board(releases, samples, 1000, "secret", null, () -> NOW);
  Board devBoard = new Board(releases, samples, 1000, "secret", "dev-alice", () -> NOW);

  static Board.Request get(String path, Map<String, String> headers) {
    return new Board.Request("GET", path, Map.of(), headers::get);
  }

  static Board.Request post(String path, Map<String, String> params, Map<String, String> headers) {
    return new Board.Request("POST", path, params, headers::get);
  }

  static String token(String identity) {
    return new Csrf("secret").token(identity);
  }

  static Map<String, String> bob() {
    Map<String, String> h = new HashMap<>();
    h.put("X-Forwarded-User", "bob");
    h.put("X-Forwarded-Email", "bob@example.com");
    h.put("Host", "board.example:8081");
    h.put("Origin", "http://board.example:8081");
    h.put("X-Requested-With", "board");
    return h;
  }

  @Test
  void theEnvironmentsPageShowsAColumnPerEnvironmentWithItsVersionStateAndNext() {
    long hour = 3_600_000L;
    releases.ledger =
        new io.glidepath.environment.LedgerState(
            "cart",
            List.of(
                new io.glidepath.environment.EnvironmentRule("dev", java.time.Duration.ZERO),
                new io.glidepath.environment.EnvironmentRule("staging", java.time.Duration.ZERO),
                new io.glidepath.environment.EnvironmentRule(
                    "prod", java.time.Duration.ofHours(24))),
            List.of(
                run(
                    "dev",
                    "1.2.0",
                    NOW - 5 * hour,
                    io.glidepath.environment.RunOutcome.COMPLETED,
                    null),
                run(
                    "staging",
                    "1.1.0",
                    NOW - 30 * hour,
                    io.glidepath.environment.RunOutcome.COMPLETED,
                    null),
                run(
                    "staging",
                    "1.2.0",
                    NOW - hour,
                    io.glidepath.environment.RunOutcome.ROLLED_BACK,
                    "p95 <b>")),
            List.of(),
            List.of());
    Board.Response r = board.handle(get("/board/environments/cart", bob()));
    assertEquals(200, r.status());
    String html = r.html();
    assertTrue(html.contains("grid-template-columns:repeat(3,"), html);
    assertTrue(html.contains("data-env=\"dev\""), html);
    assertTrue(html.contains("data-env=\"prod\""), html);
    assertTrue(html.contains("last: 1.2.0 rolled back at"), html);
    assertTrue(html.contains("p95 &lt;b&gt;"), "escaped: " + html);
    // prod's next is staging's 1.1.0, verified 30h ago: it may go, with the command
    assertTrue(html.contains("next: <strong>1.1.0</strong> may go now"), html);
    assertTrue(html.contains("glidepath env deliver cart 1.1.0 --to prod -f SPEC"), html);
    // staging's next is dev's 1.2.0, which rolled back in staging: not staging's rule, it may go
    assertTrue(html.contains("next: <strong>1.2.0</strong> may go now"), html);
    assertEquals(404, board.handle(get("/board/environments/Bad_Name", bob())).status());
    assertTrue(
        board
            .handle(
                new Board.Request(
                    "GET", "/board/environments/cart", Map.of("part", "live"), bob()::get))
            .html()
            .startsWith("<h1>cart: environments</h1>"));
  }

  static io.glidepath.environment.EnvironmentRun run(
      String env, String version, long ended, io.glidepath.environment.RunOutcome o, String note) {
    return new io.glidepath.environment.EnvironmentRun(
        env, version, "img", "alice", ended - 60_000, ended, o, note);
  }

  @Test
  void theReleasePageShowsRegionsGatesChartsAndTimelineEscaped() {
    Board.Response r = board.handle(get("/board/releases/" + ID, bob()));
    assertEquals(200, r.status());
    String html = r.html();
    assertTrue(html.contains("data-region=\"us-east\" id=\"region-us-east\""), html);
    assertTrue(html.contains("<h3>us-east</h3>"), html);
    assertTrue(html.contains("awaiting approval"));
    assertTrue(html.contains("Stage 2 of 3"));
    assertTrue(html.contains("10% <small>on new</small>"));
    assertFalse(
        html.contains("data-end=\"" + (NOW + 25_000) + "\""),
        "a region waiting at a gate shows no window countdown");
    assertTrue(html.contains("data-gate=\"stage:us-east:2\""));
    assertTrue(html.contains("id=\"gate-stage-us-east-2\""), "the gate is an anchor");
    assertTrue(html.contains("href=\"#gate-stage-us-east-2\""), "the plan and banner link it");
    assertTrue(html.contains("Still needs 1 approval from anyone."), html);
    assertTrue(html.contains("times out in <time class=\"countdown\""), html);
    assertTrue(html.contains(">1 min</time>"), html);
    assertTrue(html.contains("Approve stage:us-east:2 as bob"));
    assertTrue(html.contains("limit 450 ms"), html);
    assertTrue(html.contains("role=\"img\""));
    assertTrue(html.contains("last check 320 ms, limit 450 ms (fails above)"), html);
    assertTrue(html.contains("\u2713 pass"), "verdict in words and symbol, not colour alone");
    // User text is escaped everywhere.
    assertTrue(html.contains("alice &lt;b&gt;&amp;"));
    assertTrue(html.contains("checking &lt;script&gt;x&lt;/script&gt;"));
    assertFalse(html.contains("<script>x"));
    assertTrue(html.contains("board:bob@example.com"));
    assertTrue(html.contains("value=\"" + token("board:bob@example.com") + "\""));
  }

  @Test
  void anObservedRegionCountsDownItsWindowAndShowsItsPlan() {
    releases.status = status("alice", RegionPhase.OBSERVING);
    String html = board.handle(get("/board/releases/" + ID, bob())).html();
    assertTrue(html.contains("data-end=\"" + (NOW + 25_000) + "\""), html);
    assertTrue(html.contains(">25 s</time> left</span>"), html);
    assertTrue(
        html.contains("observing<span class=\"left\"><time class=\"countdown\""),
        "the countdown is a line of its own under the phase, not wrapped into it: " + html);
    assertTrue(html.contains("<ol class=\"plan\" aria-label=\"Plan of us-east\">"), html);
    assertTrue(html.contains("<li class=\"done\"><span class=\"step\">Deploy</span>"), html);
    assertTrue(
        html.contains("<li class=\"now\" aria-current=\"step\"><span class=\"step\">Stage 2"),
        html);
  }

  @Test
  void thePlanComesFromTheSpecWithEveryStageAndItsState() {
    var stages =
        List.of(
            new io.glidepath.model.StageSpec(10, java.time.Duration.ofMinutes(5), Map.of(), false),
            new io.glidepath.model.StageSpec(50, java.time.Duration.ofHours(1), Map.of(), true),
            new io.glidepath.model.StageSpec(
                100, java.time.Duration.ofMinutes(5), Map.of(), false));
    var spec =
        new io.glidepath.model.ReleaseSpec(
            "cart",
            "1.1.0",
            "img",
            List.of(),
            null,
            new io.glidepath.model.StrategySpec(
                io.glidepath.model.StrategyType.CANARY,
                new io.glidepath.model.CanarySpec(stages, null),
                null,
                null),
            null,
            null,
            java.time.Duration.ofMinutes(10),
            null,
            List.of(),
            Map.of(),
            null,
            null);
    RegionStatus gated = status("alice", RegionPhase.AWAITING_APPROVAL).regions().get(0);
    List<RegionPlan.Step> steps = RegionPlan.steps(spec, gated);
    assertEquals(
        List.of("Deploy", "Stage 1", "Stage 2", "Stage 3", "Promote", "Watch"),
        steps.stream().map(RegionPlan.Step::name).toList());
    assertEquals("50% for 1 h, approval first", steps.get(2).detail());
    assertEquals("soak 10 min", steps.get(5).detail());
    assertEquals(
        List.of(
            RegionPlan.State.DONE,
            RegionPlan.State.DONE,
            RegionPlan.State.GATE,
            RegionPlan.State.WAIT,
            RegionPlan.State.WAIT,
            RegionPlan.State.WAIT),
        steps.stream().map(RegionPlan.Step::state).toList());
    RegionStatus back = gated.withPhase(RegionPhase.ROLLED_BACK, "p95 too high");
    assertEquals(RegionPlan.State.BAD, RegionPlan.steps(spec, back).get(2).state());
    assertEquals(
        RegionPlan.State.WAIT,
        RegionPlan.steps(spec, RegionStatus.pending("eu-west", 3)).get(0).state());
  }

  @Test
  void durationsAndCountsReadAsPeopleSayThem() {
    assertEquals("0 s", Html.duration(0));
    assertEquals("59 s", Html.duration(59_999));
    assertEquals("4 min", Html.duration(240_000));
    assertEquals("4 min 10 s", Html.duration(250_000));
    assertEquals("42 min", Html.duration(42 * 60_000 + 5000));
    assertEquals("23 h 59 m", Html.duration(86_399_000));
    assertEquals("1 h", Html.duration(3_600_000));
    assertEquals("2 d 3 h", Html.duration((51 * 60 + 20) * 60_000L));
    assertEquals("Still needs 1 approval from anyone", GateList.needs(Map.of("any", 1)));
    assertEquals(
        "Still needs 1 approval from the role dba and 2 approvals from the role sre",
        GateList.needs(Map.of("sre", 2, "dba", 1)));
    assertEquals(1.0, Chart.niceTop(0.93));
    assertEquals(0.6, Chart.niceTop(0.5175), 1e-9);
  }

  @Test
  void aFlagReleaseNamesItsFeatureAndTheShareOfUsers() {
    ReleaseStatus s = status("alice", RegionPhase.OBSERVING);
    releases.status =
        new ReleaseStatus(
            ID,
            "cart",
            "new-cart-1",
            "alice",
            s.phase(),
            false,
            s.regions(),
            List.of(),
            List.of(),
            "new-cart");
    String html = board.handle(get("/board/releases/" + ID, bob())).html();
    assertTrue(html.contains("<h1>cart feature new-cart</h1>"), html);
    assertTrue(html.contains("10% <small>of users on new-cart</small>"), html);
    assertFalse(html.contains("new-cart-1</h1>"), html);
  }

  @Test
  void onlyTheLatestDecisionsShowTheRestAreOneClickAway() {
    List<Decision> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(
          new Decision(
              NOW - i * 1000L, "glidepath", "step " + i, null, DecisionKind.HOLDING, null));
    }
    ReleaseStatus s = status("alice", RegionPhase.OBSERVING);
    releases.status =
        new ReleaseStatus(
            ID, "cart", "1.1.0", "alice", s.phase(), false, s.regions(), List.of(), many);
    String html = board.handle(get("/board/releases/" + ID, bob())).html();
    int details = html.indexOf("<details class=\"earlier\">");
    assertTrue(details > 0, html);
    assertTrue(html.contains("<summary>Show 7 earlier decisions</summary>"), html);
    assertTrue(html.indexOf("step 4<") < details && html.indexOf("step 5<") > details, html);
  }

  @Test
  void withoutAnIdentityTheBoardIsReadOnlyAndRefusesActions() {
    Map<String, String> h = bob();
    h.remove("X-Forwarded-User");
    h.remove("X-Forwarded-Email");
    String html = board.handle(get("/board/releases/" + ID, h)).html();
    assertFalse(html.contains("<form"), "no action forms without an identity");
    assertTrue(html.contains("Not signed in: read-only"));
    Board.Response r =
        board.handle(post("/board/releases/" + ID + "/pause", Map.of("csrf", "x"), h));
    assertEquals(403, r.status());
    assertTrue(r.html().contains("X-Forwarded-User"));
    assertTrue(releases.sent.isEmpty());
  }

  @Test
  void aDevIdentityActsOnlyWhenConfigured() {
    Map<String, String> h = bob();
    h.remove("X-Forwarded-User");
    h.remove("X-Forwarded-Email");
    Board.Response r =
        devBoard.handle(
            post(
                "/board/releases/" + ID + "/pause",
                Map.of("csrf", token("board-dev:dev-alice")),
                h));
    assertEquals(200, r.status(), r.html());
    assertEquals(List.of("pause dev-alice pause from the board"), releases.sent);
    assertTrue(devBoard.handle(get("/board", h)).html().contains("(dev identity)"));
  }

  @Test
  void aProxyHeaderThatIsNoNameCountsAsAbsent() {
    assertTrue(BoardIdentity.of(Map.of("X-Forwarded-User", "bob; rm -rf")::get, null).isEmpty());
    BoardIdentity email =
        BoardIdentity.of(Map.of("X-Forwarded-Email", "eve@example.com")::get, null).orElseThrow();
    assertEquals("eve@example.com", email.name());
    assertEquals("board:eve@example.com", email.identity());
  }

  @Test
  void actionsNeedTheTokenOfTheSameIdentityAndTheSameOrigin() {
    String path = "/board/releases/" + ID + "/abort";
    Map<String, String> form = Map.of("csrf", token("board:eve@example.com"), "reason", "stop");
    assertEquals(403, board.handle(post(path, form, bob())).status(), "another user's token");
    assertEquals(
        403, board.handle(post(path, Map.of("reason", "stop"), bob())).status(), "no token");
    Map<String, String> evil = bob();
    evil.put("Origin", "https://evil.example");
    Map<String, String> good = Map.of("csrf", token("board:bob@example.com"), "reason", "stop");
    assertEquals(403, board.handle(post(path, good, evil)).status(), "another origin");
    assertTrue(releases.sent.isEmpty());
    assertEquals(200, board.handle(post(path, good, bob())).status());
    assertEquals(List.of("abort bob stop"), releases.sent);
  }

  @Test
  void sameOriginRules() {
    assertTrue(Csrf.sameOrigin("http://h:1", null, "h:1"));
    assertTrue(Csrf.sameOrigin(null, "http://h:1/board/releases/x", "h:1"));
    assertTrue(Csrf.sameOrigin(null, null, "h:1"), "no origin: the token decides");
    assertFalse(Csrf.sameOrigin("http://h:2", null, "h:1"));
    assertFalse(Csrf.sameOrigin("null", null, "h:1"));
    assertFalse(Csrf.sameOrigin("http://h:1", null, null));
  }

  @Test
  void eachActionMapsToItsUpdateOrSignalWithTheIdentity() {
    String base = "/board/releases/" + ID + "/";
    String t = token("board:bob@example.com");
    board.handle(
        post(
            base + "approve",
            Map.of("csrf", t, "gate", "stage:us-east:2", "comment", "lgtm"),
            bob()));
    board.handle(post(base + "pause", Map.of("csrf", t), bob()));
    board.handle(post(base + "resume", Map.of("csrf", t, "reason", "ok now"), bob()));
    board.handle(
        post(base + "rollback", Map.of("csrf", t, "region", "us-east", "reason", "slow"), bob()));
    assertEquals(404, board.handle(post(base + "explode", Map.of("csrf", t), bob())).status());
    assertEquals(
        List.of(
            "approve stage:us-east:2 bob board:bob@example.com null lgtm",
            "pause bob pause from the board",
            "resume bob ok now",
            "rollback us-east bob slow"),
        releases.sent);
  }

  @Test
  void aRefusalIsShownAsTheWorkflowGaveIt() {
    releases.refusal =
        "bob started this release and cannot approve it: self-approval is not allowed";
    Board.Response r =
        board.handle(
            post(
                "/board/releases/" + ID + "/approve",
                Map.of("csrf", token("board:bob@example.com"), "gate", "stage:us-east:2"),
                bob()));
    assertEquals(409, r.status());
    assertTrue(r.html().contains("role=\"alert\""));
    assertTrue(r.html().contains("Refused: " + releases.refusal), r.html());
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsSent() {
    Board.Response r =
        board.handle(
            post(
                "/board/releases/" + ID + "/abort",
                Map.of("csrf", token("board:bob@example.com"), "reason", "x".repeat(600)),
                bob()));
    assertEquals(400, r.status());
    assertTrue(releases.sent.isEmpty());
    assertEquals(404, board.handle(get("/board/releases/not-a-release", bob())).status());
    assertEquals(405, board.handle(get("/board/releases/" + ID + "/pause", bob())).status());
  }

  @Test
  void aFinishedReleaseHasNoActions() {
    releases.status =
        new ReleaseStatus(
            ID,
            "cart",
            "1.1.0",
            "alice",
            ReleasePhase.COMPLETED,
            false,
            List.of(),
            List.of(),
            List.of());
    String html = board.handle(get("/board/releases/" + ID, bob())).html();
    assertFalse(html.contains("<form"));
  }

  @Test
  void theChartDrawsTheWindowsSamplesAndItsLimit() {
    samples.add(ID, "us-east", "p95-latency", new MetricSamples.Sample(NOW - 4000, 0.30));
    samples.add(ID, "us-east", "p95-latency", new MetricSamples.Sample(NOW - 2000, 0.35));
    samples.add(ID, "us-east", "p95-latency", new MetricSamples.Sample(NOW - 9000, 0.9));
    String html = livePart();
    assertFalse(html.contains("<html"), "the live part only");
    assertTrue(html.contains("<polyline"), html);
    assertTrue(
        html.contains("2 values in this window"), "the sample before the window is left out");
    assertTrue(html.contains("class=\"limit\""));
  }

  @Test
  void aWindowWithNoValueYetDrawsNoPointOfThePreviousCheck() {
    samples.add(ID, "us-east", "p95-latency", new MetricSamples.Sample(NOW - 9000, 0.9));
    String html = livePart();
    assertTrue(html.contains("no value yet in this window</text>"), html);
    assertTrue(html.contains("; no value yet in this window"), "the caption says so too: " + html);
    assertFalse(html.contains("<circle class=\"series\""), "no point of the last window: " + html);
    assertTrue(html.contains("last check 320 ms"), "the last check stays in words: " + html);
  }

  @Test
  void aChartBetweenWindowsPutsNoTimesOfDayAlongTheBottom() {
    var check =
        new QueryVerdict(
            "p95-latency", Verdict.PASS, 0.32, 0.45, FailWhen.ABOVE, MetricUnit.SECONDS, "q", null);
    String svg = Chart.render("c-0", check, List.of(), 0, 0);
    assertTrue(svg.contains("the next window has not started yet"), svg);
    assertFalse(svg.contains("00:00:00"), "no epoch for a window that has no start: " + svg);
    assertTrue(svg.contains("no value yet in this window"), svg);
  }

  /** The release page's live part, as the page asks for it every second. */
  private String livePart() {
    return board
        .handle(
            new Board.Request("GET", "/board/releases/" + ID, Map.of("part", "live"), bob()::get))
        .html();
  }

  @Test
  void theListPutsRunningReleasesFirstThenTheNewest() {
    List<BoardView.Row> rows =
        Releases.rows(
            List.of(
                info("release-a", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, 300),
                info("release-b", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, 100),
                info("release-c", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, 200),
                info("release-a", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, 50)));
    assertEquals(
        List.of("release-b", "release-a", "release-c"),
        rows.stream().map(BoardView.Row::workflowId).toList());
    assertEquals("completed", rows.get(1).state());
    String html = board.handle(get("/board", bob())).html();
    assertTrue(html.contains("href=\"/board/releases/release-cart\""));
  }

  @Test
  void aRegionsOwnStatusWinsOverTheReleasesCopy() {
    ReleaseStatus s = status("alice", RegionPhase.OBSERVING);
    RegionStatus own =
        new RegionStatus(
            "us-east",
            RegionPhase.OBSERVING,
            2,
            3,
            50,
            false,
            null,
            null,
            null,
            List.of(),
            NOW,
            NOW + 9000);
    ReleaseStatus merged = Board.withRegions(s, Map.of("us-east", own));
    assertEquals(50, merged.regions().get(0).weight());
    assertEquals(NOW + 9000, merged.regions().get(0).windowEndMillis());
    assertEquals("eu-west", merged.regions().get(1).region());
  }

  @Test
  void escapingCoversAttributesAndText() {
    assertEquals(
        "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;",
        Html.esc("<a href=\"x\" onclick='y'>&"));
    assertEquals("", Html.esc(null));
    assertNull(BoardIdentity.of(h -> null, " ").orElse(null));
  }

  static WorkflowExecutionInfo info(String id, WorkflowExecutionStatus status, long startSeconds) {
    return WorkflowExecutionInfo.newBuilder()
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id).setRunId(id + startSeconds))
        .setType(WorkflowType.newBuilder().setName("ReleaseWorkflow"))
        .setStatus(status)
        .setStartTime(Timestamp.newBuilder().setSeconds(startSeconds))
        .build();
  }
}
