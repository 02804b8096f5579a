package io.glidepath.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.RegionOutcome;
import io.glidepath.testing.Harness;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A traffic write whose worker dies (here: an attempt that never answers) is retried after its
 * short start-to-close timeout, so traffic is back on stable within seconds of the breach, not
 * minutes. The figure goes to docs/performance.md.
 */
class StalledWriteTest {
  /** The documented bound on breach-to-stable when the writing worker is gone. */
  static final Duration BOUND = Duration.ofSeconds(15);

  private final Harness h = new Harness();
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void close() {
    never.countDown();
    h.close();
  }

  @Test
  void aRollbackWriteLostWithItsWorkerIsRetriedWithinSeconds() {
    AtomicReference<Instant> stalledAt = new AtomicReference<>();
    AtomicReference<Instant> stableAt = new AtomicReference<>();
    h.world.beforeCall =
        call -> {
          if (!call.equals("weight us-east 0")) {
            return;
          }
          Instant now = Instant.now();
          if (stalledAt.compareAndSet(null, now)) {
            try {
              never.await(); // the worker holding this attempt is gone: it never answers
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the lost attempt");
          }
          stableAt.compareAndSet(null, now);
        };
    h.world.breach("us-east", 25, "error-rate", 0.05);
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    h.start(spec);
    assertEquals(RegionOutcome.ROLLED_BACK, h.result(spec).regions().get(0).outcome());
    assertEquals(0, h.world.weights.get("us-east"));
    Duration took = Duration.between(stalledAt.get(), stableAt.get());
    System.out.printf("breach-to-stable with the writing worker lost: %d ms%n", took.toMillis());
    assertTrue(took.compareTo(BOUND) < 0, "traffic back on stable after " + took);
  }
}
