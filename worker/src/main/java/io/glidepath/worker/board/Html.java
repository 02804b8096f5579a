package io.glidepath.worker.board;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How values go into the board's HTML: escaped text (every piece of release data, such as names,
 * reasons and comments, goes through {@link #esc}), times, countdowns, element ids and URL parts.
 */
final class Html {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Html() {}

  /** {@code s} safe as element text and as a quoted attribute value; {@code null} is empty. */
  static String esc(Object s) {
    if (s == null) {
      return "";
    }
    String t = s.toString();
    StringBuilder b = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A moment as a {@code time} element in UTC with its date; the page's script adds the reader's
   * local time beside it. {@code -} when unknown.
   */
  static String time(long millis) {
    return millis <= 0 ? "-" : timeElement(millis, DATE_TIME.format(Instant.ofEpochMilli(millis)));
  }

  /** A moment of today's release as its time of day in UTC (the date in its tooltip). */
  static String clock(long millis) {
    return millis <= 0 ? "-" : timeElement(millis, CLOCK.format(Instant.ofEpochMilli(millis)));
  }

  private static String timeElement(long millis, String text) {
    Instant at = Instant.ofEpochMilli(millis);
    return "<time class=\"at\" datetime=\""
        + at
        + "\" title=\""
        + TIME.format(at)
        + "\">"
        + text
        + "</time>";
  }

  /**
   * The time left until {@code endMillis} as people read it ("25 s", "4 min 10 s", "23 h 59 m"),
   * which the page's script counts down; {@code -} if none.
   */
  static String countdown(long endMillis, long now) {
    if (endMillis <= 0) {
      return "-";
    }
    return "<time class=\"countdown\" data-end=\""
        + endMillis
        + "\" datetime=\""
        + Instant.ofEpochMilli(endMillis)
        + "\">"
        + duration(Math.max(0, endMillis - now))
        + "</time>";
  }

  /**
   * A duration as people read it: seconds under a minute, minutes (with seconds under ten minutes),
   * hours and minutes, days and hours. The page's script formats countdowns the same way.
   */
  static String duration(long millis) {
    long s = Math.max(0, millis) / 1000;
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 10) {
      return s % 60 == 0 ? m + " min" : m + " min " + s % 60 + " s";
    }
    if (m < 60) {
      return m + " min";
    }
    long h = m / 60;
    if (h < 24) {
      return m % 60 == 0 ? h + " h" : h + " h " + m % 60 + " m";
    }
    return h % 24 == 0 ? h / 24 + " d" : h / 24 + " d " + h % 24 + " h";
  }

  /** {@code n} and the thing it counts, in the singular for one: "1 approval", "3 approvals". */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** {@code s} as part of an element id: anything but letters, digits, '_' and '-' becomes '-'. */
  static String cssId(String s) {
    return s == null ? "" : s.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** {@code s} as one segment of a URL path. */
  static String urlPart(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
