package io.glidepath.cli.view;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code release watch} draws on a terminal and writes to a log. */
class WatchViewTest {
  static final long T0 = 1_795_000_000_000L; // 2026-11-18T11:06:40Z

  final WatchView view = new WatchView(T0, Duration.ofMinutes(90), Duration.ofHours(24), false);

  static ReleaseStatus status(ReleasePhase phase, List<PendingApproval> gates, Decision... t) {
    RegionStatus observing =
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
            T0 + 60_000,
            T0 + 120_000);
    RegionStatus waiting = RegionStatus.pending("eu-west", 3);
    return new ReleaseStatus(
        "release-cart",
        "cart",
        "1.1.0",
        "alice",
        phase,
        false,
        List.of(observing, waiting),
        gates,
        List.of(t));
  }

  static PendingApproval gate(Map<String, Integer> missing) {
    return new PendingApproval(
        "stage:eu-west:2", "shift eu-west to stage 2", T0, T0 + 3_600_000, List.of(), missing);
  }

  @Test
  void theBlockHasAHeaderARegionLineWithAMovingCountdownAndAFooter() {
    ReleaseStatus s = status(ReleasePhase.ROLLING_OUT, List.of());
    List<String> at75 = view.block(s, T0 + 75_000);
    assertEquals("cart 1.1.0  rolling out  elapsed 1m15s  release-cart by alice", at75.get(0));
    assertEquals(
        "  us-east    observing         stage 2/3   [#####.....]  50%  window [########..] 45s left"
            + "  no verdict yet",
        at75.get(1));
    assertTrue(at75.get(2).startsWith("  eu-west    pending           stage 0/3   [..........]"));
    assertEquals("no open gates", at75.get(3));
    String at105 = view.block(s, T0 + 105_000).get(1);
    assertContains(at105, "window [###.......] 15s left");
  }

  @Test
  void theFooterNamesEachOpenGateAndTheCommandThatApprovesIt() {
    List<String> any =
        view.block(status(ReleasePhase.ROLLING_OUT, List.of(gate(Map.of("any", 1)))), T0);
    assertEquals(
        "gate stage:eu-west:2: shift eu-west to stage 2; missing {any=1}, times out in 1h",
        any.get(3));
    assertEquals(
        "  approve: glidepath release approve cart --gate stage:eu-west:2 --by <your-name>",
        any.get(4));
    List<String> sre =
        view.block(status(ReleasePhase.ROLLING_OUT, List.of(gate(Map.of("sre", 2)))), T0);
    assertContains(sre.get(4), "--gate stage:eu-west:2 --role sre --by <your-name>");
  }

  @Test
  void aDelayAndTheSoakCountDownFromWhenTheyBegan() {
    Decision delay =
        new Decision(T0, "glidepath", "delay before next region", "", DecisionKind.DELAY);
    String line = view.block(status(ReleasePhase.DELAY, List.of(), delay), T0 + 30 * 60_000).get(3);
    assertEquals("  delay [#######...] 1h left of 1h30m", line);
    Decision soak = new Decision(T0, "glidepath", "soak started", "", DecisionKind.SOAK);
    assertContains(
        view.block(status(ReleasePhase.SOAKING, List.of(), soak), T0 + 6 * 3_600_000).get(3),
        "soak [########..] 18h left of 24h");
  }

  @Test
  void coloursOnlyWhenWantedAndNeverWithNoColor() {
    WatchView coloured = new WatchView(T0, null, null, true);
    assertTrue(
        coloured.block(status(ReleasePhase.ROLLING_OUT, List.of()), T0).get(0).contains("\u001b["));
    assertFalse(
        String.join("\n", view.block(status(ReleasePhase.ROLLING_OUT, List.of()), T0))
            .contains("\u001b"));
    assertTrue(WatchView.colourWanted(Map.of()));
    assertTrue(WatchView.colourWanted(Map.of("NO_COLOR", "")));
    assertFalse(WatchView.colourWanted(Map.of("NO_COLOR", "1")));
  }

  @Test
  void aTerminalRedrawsTheSameRowsInPlace() {
    StringWriter out = new StringWriter();
    var terminal = new WatchDisplay.Terminal(new PrintWriter(out), view);
    ReleaseStatus s = status(ReleasePhase.ROLLING_OUT, List.of());
    terminal.show(s, T0 + 75_000);
    assertFalse(out.toString().contains("\u001b[4A"), "nothing to go back over the first time");
    out.getBuffer().setLength(0);
    terminal.show(s, T0 + 76_000);
    assertTrue(out.toString().startsWith("\r\u001b[4A\u001b[2K"), out.toString());
    assertContains(out.toString(), "44s left");
    assertTrue(out.toString().endsWith("\u001b[J"));
  }

  @Test
  void aLogWritesChangesWithTheirTimeAndAHeartbeatWhenNothingChanges() {
    StringWriter out = new StringWriter();
    var log = new WatchDisplay.Log(new PrintWriter(out), view, Duration.ofSeconds(10));
    ReleaseStatus s = status(ReleasePhase.ROLLING_OUT, List.of());
    log.show(s, T0 + 61_000);
    List<String> first = out.toString().lines().toList();
    assertEquals(3, first.size(), out.toString());
    assertEquals("2026-11-18T11:07:41Z  cart 1.1.0: rolling out", first.get(0));
    assertEquals(
        "2026-11-18T11:07:41Z  us-east observing stage 2/3 50%  window of 1m until 11:08:40"
            + "  no verdict yet",
        first.get(1));
    log.show(s, T0 + 65_000);
    assertEquals(3, out.toString().lines().count(), "no change, no heartbeat yet");
    log.show(s, T0 + 71_000);
    String heartbeat = out.toString().lines().toList().get(3);
    assertEquals(
        "2026-11-18T11:07:51Z  still rolling out; us-east observing stage 2/3 50%, window 49s"
            + " left; eu-west pending stage 0/3 0%",
        heartbeat);
    log.show(status(ReleasePhase.ROLLING_OUT, List.of(gate(Map.of("any", 1)))), T0 + 72_000);
    List<String> all = out.toString().lines().toList();
    assertEquals(5, all.size(), "only the new gate: " + out);
    assertContains(all.get(4), "gate stage:eu-west:2 open: shift eu-west to stage 2; approve with");
  }
}
