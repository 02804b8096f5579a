package io.glidepath.spec;

import io.glidepath.model.Bounds;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.ScheduleSpec;
import io.glidepath.model.StageSpec;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Reading and validation of {@code schedule} (windows, freezes) and calendar stages. */
final class ScheduleRules {
  static final int MAX_WINDOWS = 20;
  static final int MAX_FREEZES = 50;
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private ScheduleRules() {}

  /** The {@code schedule} as written; {@link #check} validates it with the rest of the spec. */
  static ScheduleSpec schedule(YamlObject o) {
    // A zone is reported where it is written, and read as UTC meanwhile, so that a window or the
    // schedule that takes it over is not blamed for it as well.
    String zone = writtenZone(o, "zone");
    List<ScheduleSpec.Window> windows = new ArrayList<>();
    for (YamlObject w : o.objects("windows")) {
      List<DayOfWeek> days = days(w.string("days"));
      if (days == null) {
        w.problem(
            w.path("days"),
            "give days as Mon-Fri, Sat,Sun, Mon or daily (three-letter English day names)");
      }
      String windowZone = writtenZone(w, "zone");
      windows.add(
          new ScheduleSpec.Window(
              days,
              w.string("from"),
              w.string("to"),
              windowZone != null ? windowZone : zone != null ? zone : "UTC"));
      w.rejectUnknown();
    }
    List<ScheduleSpec.Freeze> freezes = new ArrayList<>();
    for (YamlObject f : o.objects("freezes")) {
      freezes.add(new ScheduleSpec.Freeze(f.string("from"), f.string("to"), f.string("reason")));
      f.rejectUnknown();
    }
    if (zone == null && !windows.isEmpty()) {
      zone = windows.get(0).zone();
    }
    ScheduleSpec schedule = new ScheduleSpec(zone, windows, freezes);
    o.rejectUnknown();
    return schedule;
  }

  private static String writtenZone(YamlObject o, String key) {
    String zone = o.string(key);
    if (zone != null && !validZone(zone)) {
      o.problem(o.path(key), zoneProblem(zone));
      return "UTC";
    }
    return zone;
  }

  private static boolean validZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static String zoneProblem(String zone) {
    return "'" + zone + "' is not a time zone; use an IANA name such as UTC or Europe/Berlin";
  }

  /**
   * The days {@code text} names (Mon-Fri, Sat,Sun, Mon, daily), or {@code null} when unreadable.
   */
  static List<DayOfWeek> days(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("daily") || t.equals("*")) {
      return List.of(DayOfWeek.values());
    }
    List<DayOfWeek> out = new ArrayList<>();
    for (String part : t.split(",")) {
      String[] range = part.trim().split("-");
      if (range.length > 2) {
        return null;
      }
      int from = DAYS.indexOf(range[0].trim());
      int to = range.length == 2 ? DAYS.indexOf(range[1].trim()) : from;
      if (from < 0 || to < 0) {
        return null;
      }
      for (int i = from; ; i = (i + 1) % 7) {
        DayOfWeek d = DayOfWeek.of(i + 1);
        if (!out.contains(d)) {
          out.add(d);
        }
        if (i == to) {
          break;
        }
      }
    }
    return out;
  }

  static void check(ReleaseSpec s, Problems problems) {
    BiConsumer<String, String> problem = problems::add;
    ScheduleSpec sc = s.schedule();
    // A bad zone is said once, where it first appears: windows take schedule.zone over.
    Set<String> badZones = new HashSet<>();
    zone("schedule.zone", sc.zone(), problem, badZones);
    if (sc.windows().size() > MAX_WINDOWS) {
      problem.accept(
          "schedule.windows", sc.windows().size() + " windows are more than " + MAX_WINDOWS);
    }
    for (int i = 0; i < sc.windows().size(); i++) {
      ScheduleSpec.Window w = sc.windows().get(i);
      String at = "schedule.windows[" + i + "]";
      time(at + ".from", w.from(), problem);
      time(at + ".to", w.to(), problem);
      if (w.from() != null && w.from().equals(w.to())) {
        problem.accept(
            at + ".to",
            "equals from, so the window has no length; a to before from ends the next day"
                + " (from: \"22:00\", to: \"02:00\"). For all day write from: \"00:00\", to:"
                + " \"23:59\", or leave the window out");
      }
      zone(at + ".zone", w.zone(), problem, badZones);
    }
    if (sc.freezes().size() > MAX_FREEZES) {
      problem.accept(
          "schedule.freezes", sc.freezes().size() + " freezes are more than " + MAX_FREEZES);
    }
    for (int i = 0; i < sc.freezes().size(); i++) {
      ScheduleSpec.Freeze f = sc.freezes().get(i);
      String at = "schedule.freezes[" + i + "]";
      LocalDateTime from = date(at + ".from", f.from(), problem, false);
      LocalDateTime to = date(at + ".to", f.to(), problem, true);
      year(at + ".from", from, problems);
      year(at + ".to", to, problems);
      if (from != null && to != null && !to.isAfter(from)) {
        problem.accept(at + ".to", "ends before it starts; give to on or after from");
      } else if (from != null
          && to != null
          && Duration.between(from, to.plusNanos(1)).compareTo(Bounds.MAX_FREEZE) > 0) {
        problems.addNew(
            at + ".to",
            "makes the freeze "
                + Duration.between(from, to.plusNanos(1)).toDays()
                + " days long; a freeze lasts at most "
                + Bounds.MAX_FREEZE.toDays()
                + " days (check the year), or split it");
      }
    }
    var canary = s.strategy().canary();
    if (canary != null) {
      for (int i = 0; i < canary.stages().size(); i++) {
        StageSpec st = canary.stages().get(i);
        if (st.at() != null) {
          time("strategy.canary.stages[" + i + "].at", st.at(), problem);
        }
      }
    }
  }

  private static void time(String at, String value, BiConsumer<String, String> problem) {
    if (value == null) {
      problem.accept(at, "required; a time of day as HH:mm, e.g. \"02:00\"");
    } else if (!TIME.matcher(value).matches()) {
      problem.accept(
          at, "'" + value + "' is not a time of day; write HH:mm, e.g. \"02:00\" (quoted)");
    }
  }

  private static void zone(
      String at, String value, BiConsumer<String, String> problem, Set<String> bad) {
    if (value != null && validZone(value)) {
      return;
    }
    if (bad.add(String.valueOf(value))) {
      problem.accept(at, zoneProblem(value));
    }
  }

  private static void year(String at, LocalDateTime t, Problems problems) {
    if (t != null && (t.getYear() < Bounds.MIN_YEAR || t.getYear() > Bounds.MAX_YEAR)) {
      problems.addNew(
          at,
          t.getYear()
              + " is outside the years "
              + Bounds.MIN_YEAR
              + " to "
              + Bounds.MAX_YEAR
              + "; check the year of the date");
    }
  }

  private static LocalDateTime date(
      String at, String value, BiConsumer<String, String> problem, boolean end) {
    if (value == null) {
      problem.accept(at, "required; a date (2026-12-20) or date and time (2026-12-20T18:00)");
      return null;
    }
    try {
      return value.contains("T")
          ? LocalDateTime.parse(value)
          : LocalDate.parse(value).atTime(end ? LocalTime.MAX : LocalTime.MIN);
    } catch (DateTimeException e) {
      problem.accept(at, "'" + value + "' is not a date; write 2026-12-20 or 2026-12-20T18:00");
      return null;
    }
  }
}
