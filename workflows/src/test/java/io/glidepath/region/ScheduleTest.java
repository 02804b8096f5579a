package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.Approval;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time as a control: deploy windows, freezes, calendar stages, daylight saving. */
class ScheduleTest {
  private Harness h;

  @AfterEach
  void close() {
    h.close();
  }

  /** Records when each traffic write happened, in the test server's time. */
  private List<Instant> shiftTimes() {
    List<Instant> times = Collections.synchronizedList(new ArrayList<>());
    h.world.beforeShift = change -> times.add(Instant.ofEpochMilli(h.env.currentTimeMillis()));
    return times;
  }

  /** The times to the second: a timer fires a few milliseconds after its time. */
  private static List<Instant> seconds(List<Instant> times) {
    return times.stream().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).toList();
  }

  @Test
  void aShiftOutsideTheWindowWaitsForItsOpeningAndHappensInside() {
    h = new Harness(Instant.parse("2026-12-01T07:00:00Z")); // a Tuesday, before the window
    List<Instant> times = shiftTimes();
    ReleaseSpec spec =
        Harness.oneRegion(
            "schedule: {windows: [{days: Mon-Fri, from: \"08:00\", to: \"12:00\", zone: UTC}]}\n"
                + "soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    var waiting =
        h.awaitStatus(
            release,
            s -> s.regions().get(0).phase() == RegionPhase.WAITING_FOR_WINDOW,
            Duration.ofMinutes(30));
    assertTrue(
        waiting.regions().get(0).reason().contains("until Tue 2026-12-01 08:00 UTC"),
        waiting.regions().get(0).reason());
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    assertEquals(6, times.size(), times.toString());
    for (Instant t : times.subList(0, 5)) {
      assertTrue(
          !t.isBefore(Instant.parse("2026-12-01T08:00:00Z"))
              && t.isBefore(Instant.parse("2026-12-01T12:00:00Z")),
          "every increase inside the window: " + times);
    }
  }

  @Test
  void aFreezeBlocksIncreasesButNeverARollback() {
    h = new Harness(Instant.parse("2026-12-19T23:00:00Z"));
    List<Instant> times = shiftTimes();
    AtomicBoolean breach = new AtomicBoolean();
    h.world.metrics =
        (r, w, q, c) ->
            breach.get() && q.equals("error-rate")
                ? 0.05
                : io.glidepath.sandbox.SandboxWorld.healthy(r, w, q, c);
    ReleaseSpec spec =
        Harness.oneRegion(
            "schedule: {freezes: [{from: \"2026-12-19T23:12\", to: 2027-01-04,"
                + " reason: holiday freeze}]}\nanalysis: {maxWindow: 10m}\nsoak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    var frozen =
        h.awaitStatus(
            release,
            s -> s.regions().get(0).phase() == RegionPhase.WAITING_FOR_WINDOW,
            Duration.ofHours(1));
    assertTrue(frozen.regions().get(0).reason().contains("holiday freeze"));
    int weight = frozen.regions().get(0).weight();
    assertTrue(weight > 0 && weight < 100, "held at " + weight);
    h.env.sleep(Duration.ofHours(5));
    assertEquals(weight, h.world.weights.get("us-east"), "no increase during the freeze");
    Instant breachAt = Instant.ofEpochMilli(h.env.currentTimeMillis());
    breach.set(true);
    ReleaseResult result = h.result(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    Instant rollback = times.get(times.size() - 1);
    // The sandbox checks a window's samples when it opens, so a breach is seen by the next window
    // at the latest (a real analysis checks every interval): 10 minutes here, not the freeze.
    assertTrue(
        Duration.between(breachAt, rollback).compareTo(Duration.ofMinutes(11)) < 0,
        "the rollback did not wait for the freeze: " + breachAt + " -> " + rollback);
    assertTrue(rollback.isBefore(Instant.parse("2027-01-01T00:00:00Z")));
  }

  @Test
  void calendarStagesFollowDaylightSaving() {
    h = new Harness(Instant.parse("2026-03-27T12:00:00Z"));
    List<Instant> times = shiftTimes();
    ReleaseSpec spec =
        Harness.oneRegion(
            "strategy:\n  canary:\n    stages:\n"
                + "      - {weight: 10%, at: \"09:00\", hold: 1h}\n"
                + "      - {weight: 100%, at: \"09:00\", hold: 1h}\n"
                + "schedule: {zone: Europe/Berlin}\nsoak: 0s\n");
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    // 09:00 in Berlin: 08:00 UTC in winter (Mar 28), 07:00 UTC after the change (Mar 29).
    assertEquals(
        List.of(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z")),
        seconds(times.subList(0, 2)));
  }

  @Test
  void theWeekLongCanaryRunsEveryStageAtItsCalendarTimeWithinBoundedHistory() throws Exception {
    h = new Harness(Instant.parse("2027-01-07T12:00:00Z"));
    List<Instant> times = shiftTimes();
    ReleaseSpec spec = SpecParser.load(Path.of("../examples/week-long-canary.yaml"));
    ReleaseWorkflow release = h.start(spec);
    // Stage 5 at Jan 12 09:00, held 23h, then the 24h soak: the sign-off opens on Jan 14 08:00.
    h.env.sleep(
        Duration.between(
            Instant.parse("2027-01-07T12:00:00Z"), Instant.parse("2027-01-14T09:00:00Z")));
    assertEquals(
        "go-live", release.status().pendingApprovals().get(0).gate(), "waits for the sign-off");
    release.approve(new Approval("go-live", "bob", null, "all metrics within thresholds"));
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    List<Instant> expected = new ArrayList<>();
    for (int day = 8; day <= 12; day++) {
      expected.add(Instant.parse("2027-01-%02dT09:00:00Z".formatted(day)));
    }
    assertEquals(expected, seconds(times.subList(0, 5)), "one stage a day at 09:00 UTC");
    int releaseEvents = h.client.fetchHistory(spec.releaseWorkflowId()).getEvents().size();
    int regionEvents = h.client.fetchHistory(spec.regionWorkflowId("us-east")).getEvents().size();
    System.out.printf(
        "week-long canary: %d events in the release, %d in the region%n",
        releaseEvents, regionEvents);
    assertTrue(releaseEvents <= 1_000 && regionEvents <= 1_000, releaseEvents + "/" + regionEvents);
  }
}
