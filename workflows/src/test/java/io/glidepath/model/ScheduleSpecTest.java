package io.glidepath.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {
  private static final List<DayOfWeek> WEEKDAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  private static final ScheduleSpec OFF_PEAK =
      new ScheduleSpec(
          "UTC",
          List.of(new ScheduleSpec.Window(WEEKDAYS, "02:00", "06:00", "UTC")),
          List.of(new ScheduleSpec.Freeze("2026-12-20", "2027-01-04", "holiday freeze")));

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void insideTheWindowTrafficMayIncreaseNow() {
    Instant tue3am = at("2026-12-01T03:00:00Z");
    assertTrue(OFF_PEAK.open(tue3am));
    assertEquals(tue3am, OFF_PEAK.nextOpening(tue3am));
  }

  @Test
  void outsideItTheNextOpeningIsTheWindowsStart() {
    assertEquals(at("2026-12-02T02:00:00Z"), OFF_PEAK.nextOpening(at("2026-12-01T06:00:00Z")));
    // Friday evening waits for Monday.
    assertEquals(at("2026-12-07T02:00:00Z"), OFF_PEAK.nextOpening(at("2026-12-04T18:00:00Z")));
  }

  @Test
  void aFreezeSkipsEveryWindowInsideItAndItsLastDayIsIncluded() {
    assertFalse(OFF_PEAK.open(at("2026-12-21T03:00:00Z")));
    assertEquals("holiday freeze", OFF_PEAK.frozenAt(at("2027-01-04T23:00:00Z")).reason());
    assertEquals(at("2027-01-05T02:00:00Z"), OFF_PEAK.nextOpening(at("2026-12-18T07:00:00Z")));
  }

  @Test
  void aWindowAcrossMidnightEndsTheNextDay() {
    ScheduleSpec night =
        new ScheduleSpec(
            "UTC",
            List.of(new ScheduleSpec.Window(List.of(DayOfWeek.SATURDAY), "22:00", "02:00", "UTC")),
            List.of());
    assertTrue(night.open(at("2026-12-06T01:30:00Z")), "Sunday 01:30 belongs to Saturday's");
    assertFalse(night.open(at("2026-12-06T02:00:00Z")));
  }

  @Test
  void daylightSavingIsFollowedInTheWindowsZone() {
    ScheduleSpec berlin =
        new ScheduleSpec(
            "Europe/Berlin",
            List.of(
                new ScheduleSpec.Window(
                    List.of(DayOfWeek.values()), "02:00", "06:00", "Europe/Berlin")),
            List.of());
    // Winter: 02:00 in Berlin is 01:00 UTC; summer: 00:00 UTC.
    assertEquals(at("2026-03-28T01:00:00Z"), berlin.nextOpening(at("2026-03-27T12:00:00Z")));
    // 2026-03-29: clocks jump from 02:00 to 03:00, so the window opens at 03:00 CEST = 01:00 UTC.
    assertEquals(at("2026-03-29T01:00:00Z"), berlin.nextOpening(at("2026-03-28T12:00:00Z")));
    assertEquals(at("2026-03-30T00:00:00Z"), berlin.nextOpening(at("2026-03-29T12:00:00Z")));
    // A calendar stage at 09:00 local moves with the clocks too.
    assertEquals(at("2026-03-30T07:00:00Z"), berlin.nextAt("09:00", at("2026-03-29T12:00:00Z")));
    assertEquals(at("2026-03-28T08:00:00Z"), berlin.nextAt("09:00", at("2026-03-28T06:00:00Z")));
  }

  @Test
  void withoutWindowsOrFreezesAnyTimeIsOpen() {
    Instant now = at("2026-12-25T12:00:00Z");
    assertEquals(now, ScheduleSpec.ALWAYS.nextOpening(now));
  }
}
