package io.glidepath.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * When traffic may increase: inside one of the deploy windows (none: any time) and outside every
 * freeze. Times are text as written (validated by the spec validator) so the spec travels as plain
 * JSON; the arithmetic is here, pure, and daylight-saving aware (IANA zone names).
 *
 * @param zone the zone of freezes and calendar stages ({@code at}); windows carry their own
 */
public record ScheduleSpec(String zone, List<Window> windows, List<Freeze> freezes) {
  /** No windows, no freezes: traffic may increase at any time. */
  public static final ScheduleSpec ALWAYS = new ScheduleSpec("UTC", List.of(), List.of());

  public ScheduleSpec {
    zone = zone == null ? "UTC" : zone;
    windows = windows == null ? List.of() : List.copyOf(windows);
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
  }

  /**
   * A recurring window, e.g. Mon-Fri 02:00-06:00 UTC; a window whose {@code to} is not after its
   * {@code from} ends the next day.
   */
  public record Window(List<DayOfWeek> days, String from, String to, String zone) {
    public Window {
      days = days == null ? List.of() : List.copyOf(days);
    }

    /** Whether {@code t} falls inside this window. */
    boolean contains(Instant t) {
      return opening(t, true) != null;
    }

    /**
     * The start of the occurrence that contains {@code t} ({@code containing}), or else the first
     * start after {@code t}; {@code null} when there is none in the next eight days.
     */
    Instant opening(Instant t, boolean containing) {
      ZoneId z = ZoneId.of(zone);
      LocalDate day = t.atZone(z).toLocalDate().minusDays(1);
      Instant next = null;
      for (int i = 0; i < 10; i++, day = day.plusDays(1)) {
        if (!days.contains(day.getDayOfWeek())) {
          continue;
        }
        LocalTime f = LocalTime.parse(from);
        LocalTime e = LocalTime.parse(to);
        Instant start = ZonedDateTime.of(day, f, z).toInstant();
        Instant end = ZonedDateTime.of(e.isAfter(f) ? day : day.plusDays(1), e, z).toInstant();
        if (containing && !t.isBefore(start) && t.isBefore(end)) {
          return start;
        }
        if (!containing && start.isAfter(t) && (next == null || start.isBefore(next))) {
          next = start;
        }
      }
      return next;
    }

    /** The window as people write it, e.g. "Mon-Fri 02:00-06:00 UTC". */
    public String describe() {
      return days.stream()
              .map(d -> d.name().charAt(0) + d.name().substring(1, 3).toLowerCase(Locale.ROOT))
              .reduce((a, b) -> a + "," + b)
              .orElse("")
          + " "
          + from
          + "-"
          + to
          + " "
          + zone;
    }
  }

  /**
   * A period in which no traffic increases: dates are whole days ({@code to} included), or date and
   * time ({@code 2026-12-20T18:00}), in the schedule's zone.
   */
  public record Freeze(String from, String to, String reason) {
    Instant start(ZoneId z) {
      return from.contains("T")
          ? LocalDateTime.parse(from).atZone(z).toInstant()
          : LocalDate.parse(from).atStartOfDay(z).toInstant();
    }

    Instant end(ZoneId z) {
      return to.contains("T")
          ? LocalDateTime.parse(to).atZone(z).toInstant()
          : LocalDate.parse(to).plusDays(1).atStartOfDay(z).toInstant();
    }
  }

  /** Whether traffic may increase at {@code t}. */
  public boolean open(Instant t) {
    return frozenAt(t) == null
        && (windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(t)));
  }

  /** The freeze in force at {@code t}, or {@code null}. */
  public Freeze frozenAt(Instant t) {
    ZoneId z = ZoneId.of(zone);
    return freezes.stream()
        .filter(f -> !t.isBefore(f.start(z)) && t.isBefore(f.end(z)))
        .findFirst()
        .orElse(null);
  }

  /**
   * The first instant at or after {@code now} when traffic may increase, or {@code null} when no
   * window opens outside the freezes within a year (the validator refuses such a schedule).
   */
  public Instant nextOpening(Instant now) {
    ZoneId z = ZoneId.of(zone);
    Instant t = now;
    Instant limit = now.plus(java.time.Duration.ofDays(366));
    while (t.isBefore(limit)) {
      Freeze f = frozenAt(t);
      if (f != null) {
        t = f.end(z);
        continue;
      }
      if (open(t)) {
        return t;
      }
      Instant next = null;
      for (Window w : windows) {
        Instant o = w.opening(t, false);
        if (o != null && (next == null || o.isBefore(next))) {
          next = o;
        }
      }
      if (next == null) {
        return null;
      }
      t = next;
    }
    return null;
  }

  /** The first time of day {@code at} (HH:mm, in the schedule's zone) at or after {@code after}. */
  public Instant nextAt(String at, Instant after) {
    ZoneId z = ZoneId.of(zone);
    ZonedDateTime local = after.atZone(z);
    ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), LocalTime.parse(at), z);
    if (candidate.toInstant().isBefore(after)) {
      candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), LocalTime.parse(at), z);
    }
    return candidate.toInstant();
  }

  /** {@code t} as people read it in the schedule's zone, e.g. "Tue 2026-12-01 02:00 UTC". */
  public String format(Instant t) {
    return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ROOT)
        .format(t.atZone(ZoneId.of(zone)));
  }

  /** What a region waits for when it waits until {@code until}. */
  public String why(Instant now, Instant until) {
    Freeze f = frozenAt(now);
    if (f != null) {
      return "freeze "
          + f.from()
          + " to "
          + f.to()
          + (f.reason() == null ? "" : " (" + f.reason() + ")");
    }
    return "the deploy window "
        + windows.stream().map(Window::describe).reduce((a, b) -> a + " or " + b).orElse("");
  }
}
