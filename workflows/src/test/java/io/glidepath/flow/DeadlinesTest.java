package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.flow.Deadlines;
import io.glidepath.model.Quantities;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the saturating deadline arithmetic over random and extreme durations. */
class DeadlinesTest {
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Test
  void afterIsTheExactSumOrNeverAndNeverBeforeNow() {
    Random random = new Random(20240101);
    for (int i = 0; i < 200_000; i++) {
      long now = i % 3 == 0 ? random.nextLong() >>> 1 : random.nextLong(4_000_000_000_000L);
      Duration d = randomDuration(random);
      long deadline = Deadlines.after(now, d);
      BigInteger exact =
          BigInteger.valueOf(now)
              .add(
                  BigInteger.valueOf(d.getSeconds())
                      .max(BigInteger.ZERO)
                      .multiply(BigInteger.valueOf(1000))
                      .add(BigInteger.valueOf(d.isNegative() ? 0 : d.getNano() / 1_000_000)));
      if (d.isNegative()) {
        exact = BigInteger.valueOf(now);
      }
      long expected = exact.compareTo(MAX) > 0 ? Long.MAX_VALUE : exact.longValueExact();
      assertEquals(expected, deadline, () -> "now " + now + " + " + d);
      assertTrue(deadline >= now, () -> "deadline before now: " + now + " + " + d);
      assertTrue(
          Deadlines.remaining(now, deadline).compareTo(Duration.ZERO) >= 0,
          () -> "negative time left: " + now + " + " + d);
    }
  }

  @Test
  void theIssueCaseSaturatesInsteadOfWrapping() {
    Duration huge = Quantities.parseDuration("999999999999999h");
    long now = 1_760_000_000_000L;
    assertEquals(Deadlines.NEVER, Deadlines.after(now, huge));
    assertEquals(Deadlines.NEVER, Deadlines.after(now, Duration.ofSeconds(Long.MAX_VALUE)));
    assertEquals(now, Deadlines.after(now, Duration.ofMinutes(-5)));
    assertEquals(now, Deadlines.after(now, null));
    assertEquals(Duration.ZERO, Deadlines.remaining(now, now - 1));
    assertEquals(Duration.ofMillis(Long.MAX_VALUE), Deadlines.remaining(-2, Long.MAX_VALUE));
  }

  @Test
  void parsedDurationsNeverWrapNegative() {
    Random random = new Random(7);
    String[] units = {"ms", "s", "m", "h", "d"};
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(4);
      for (int p = 0; p < parts; p++) {
        text.append(Math.abs(random.nextLong()) >>> random.nextInt(63))
            .append(units[random.nextInt(units.length)]);
      }
      Duration d = Quantities.parseDuration(text.toString());
      assertTrue(!d.isNegative(), () -> text + " parsed negative: " + d);
    }
  }

  private static Duration randomDuration(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> Duration.ofMillis(random.nextInt(86_400_000));
      case 1 -> Duration.ofSeconds(Math.abs(random.nextLong()) >>> random.nextInt(64));
      case 2 -> Duration.ofSeconds(random.nextLong(), random.nextInt(1_000_000_000));
      case 3 -> Duration.ofMillis(random.nextLong());
      default -> Duration.ofSeconds(Long.MAX_VALUE - random.nextInt(1000), 999_999_999);
    };
  }
}
