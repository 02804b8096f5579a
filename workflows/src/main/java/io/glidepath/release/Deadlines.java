package io.glidepath.release;

import java.time.Duration;

/**
 * Deadline arithmetic that cannot overflow: a deadline far in the future saturates at {@link
 * Long#MAX_VALUE} (never), instead of wrapping into the past and firing at once.
 */
public final class Deadlines {
  private Deadlines() {}

  /** {@code nowMillis + d}, or {@link Long#MAX_VALUE} when that does not fit in a long. */
  public static long after(long nowMillis, Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a deadline lies ahead, not " + d + " ago");
    }
    try {
      return Math.addExact(nowMillis, d.toMillis());
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
