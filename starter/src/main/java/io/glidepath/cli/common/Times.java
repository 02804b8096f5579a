package io.glidepath.cli.common;

import io.glidepath.model.Quantities;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the CLI writes times: in UTC, with the date where a reader may not know the day. */
public final class Times {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2026-11-27 03:04:05} (UTC). */
  public static String dateTime(long millis) {
    return DATE_TIME.format(Instant.ofEpochMilli(millis));
  }

  /** {@code 03:04:05} (UTC). */
  public static String time(long millis) {
    return TIME.format(Instant.ofEpochMilli(millis));
  }

  /** {@code 2026-11-27T03:04:05Z}: the prefix of a log line. */
  public static String stamp(long millis) {
    return STAMP.format(Instant.ofEpochMilli(millis));
  }

  /** A length of time to the second: {@code 1h2m3s}, {@code 0s}. */
  public static String duration(long millis) {
    return Quantities.format(Duration.ofSeconds(Math.max(0, millis) / 1000));
  }
}
