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

  /** A moment as a {@code time} element in UTC; {@code -} when unknown. */
  static String time(long millis) {
    return millis <= 0
        ? "-"
        : "<time datetime=\""
            + Instant.ofEpochMilli(millis)
            + "\">"
            + TIME.format(Instant.ofEpochMilli(millis))
            + "</time>";
  }

  /**
   * Seconds left until {@code endMillis}, which the page's script counts down; {@code -} if none.
   */
  static String countdown(long endMillis, long now) {
    if (endMillis <= 0) {
      return "-";
    }
    long left = Math.max(0, (endMillis - now) / 1000);
    return "<time class=\"countdown\" data-end=\""
        + endMillis
        + "\" datetime=\""
        + Instant.ofEpochMilli(endMillis)
        + "\">"
        + left
        + " s</time>";
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
