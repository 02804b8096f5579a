package io.glidepath.flow;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Durable timers that are never cancelled. A wait that ends early (its condition held, the region
 * rolled back, the release was cancelled) leaves its timer to fire unheard instead of sending a
 * {@code CancelTimer}: a workflow that ends with a timer pending loses nothing, and no workflow
 * task ever races a timer that fires while it is being cancelled. Temporal's time-skipping test
 * server refuses such a cancel and leaves the run stuck (sdk-java#2606, #3088), and with it a
 * cancelled release whose regions were mid-window.
 *
 * <p>Runs recorded before this change keep cancelling their timers ({@link #VERSION}).
 */
public final class Timers {
  /** From 1 on, timers are started outside the waiting scope and never cancelled. */
  static final String VERSION = "timers-never-cancelled";

  private Timers() {}

  /** A timer of {@code d} that the Web UI shows as {@code summary}. */
  public static Promise<Void> start(Duration d, String summary) {
    var options = TimerOptions.newBuilder().setSummary(summary).build();
    if (!neverCancelled()) {
      return Workflow.newTimer(d, options);
    }
    return detached(() -> Workflow.newTimer(d, options));
  }

  /**
   * {@code Workflow.await(d, done)} on a timer that is never cancelled: waits until {@code done}
   * holds or {@code d} has passed, and returns whether {@code done} held. A cancelled scope still
   * ends the wait with a {@code CanceledFailure}.
   */
  public static boolean await(Duration d, Supplier<Boolean> done) {
    if (!neverCancelled()) {
      return Workflow.await(d, done);
    }
    if (done.get()) {
      return true;
    }
    Promise<Void> timer = detached(() -> Workflow.newTimer(d));
    Workflow.await(() -> timer.isCompleted() || done.get());
    return done.get();
  }

  /** A timer started in a detached scope, so no cancellation of the caller's scope reaches it. */
  private static Promise<Void> detached(Supplier<Promise<Void>> newTimer) {
    @SuppressWarnings("unchecked")
    Promise<Void>[] timer = new Promise[1];
    Workflow.newDetachedCancellationScope(() -> timer[0] = newTimer.get()).run();
    return timer[0];
  }

  private static boolean neverCancelled() {
    return Workflow.getVersion(VERSION, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
  }
}
