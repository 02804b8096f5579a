package io.glidepath.flow;

import java.time.Duration;

/**
 * Time arithmetic that cannot overflow: a deadline is {@code now + duration} in epoch milliseconds,
 * saturated at {@link Long#MAX_VALUE} ("never") instead of wrapping round to the past. Every
 * duration a valid spec gives is far below the saturation point ({@link
 * io.glidepath.model.Bounds}); this keeps a timer or a gate deadline safe even for a value that
 * slipped past validation. Pure, so workflow code may call it with {@code
 * Workflow.currentTimeMillis()}.
 */
public final class Deadlines {
  /** The deadline that never comes. */
  public static final long NEVER = Long.MAX_VALUE;

  private Deadlines() {}

  /**
   * {@code nowMillis + d}, saturated: {@link #NEVER} when the sum would pass {@code
   * Long.MAX_VALUE}; a negative {@code d} or {@code null} counts as zero, so a deadline never lies
   * before {@code nowMillis}.
   */
  public static long after(long nowMillis, Duration d) {
    long millis = millis(d);
    // A duration past Long.MAX_VALUE ms (290 million years) is "never" whatever now is.
    return millis == NEVER ? NEVER : plus(nowMillis, millis);
  }

  /** {@code a + b} for {@code b >= 0}, saturated at {@link #NEVER}. */
  public static long plus(long a, long b) {
    long sum = a + b;
    // Overflow happened exactly when both operands are non-negative and the sum is negative.
    return b > 0 && sum < a ? NEVER : sum;
  }

  /**
   * The milliseconds in {@code d}, saturated at {@code Long.MAX_VALUE}; {@code null} and negative
   * durations are 0.
   */
  public static long millis(Duration d) {
    if (d == null || d.isNegative()) {
      return 0;
    }
    if (d.getSeconds() >= Long.MAX_VALUE / 1000) {
      return NEVER;
    }
    return plus(d.getSeconds() * 1000, d.getNano() / 1_000_000);
  }

  /** The time left from {@code nowMillis} until {@code deadlineMillis}; zero once it has passed. */
  public static Duration remaining(long nowMillis, long deadlineMillis) {
    if (deadlineMillis <= nowMillis) {
      return Duration.ZERO;
    }
    long left = deadlineMillis - nowMillis;
    // deadline > now, so the true difference is positive; a negative result means it overflowed.
    return Duration.ofMillis(left < 0 ? NEVER : left);
  }
}
