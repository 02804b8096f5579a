package io.glidepath.flow;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of every activity call, in one place. Adapters classify errors: permanent
 * ones (401/403/404, invalid targets) are non-retryable failures, transient ones are retried here.
 * No workflow writes its own retry loop.
 */
public final class ActivityPolicies {
  private ActivityPolicies() {}

  /**
   * How long one attempt of a write (a traffic weight, a scale) may run. Writes are single API
   * calls, so a worker that dies or loses the cluster mid-write is noticed within seconds and
   * another worker retries: this bounds breach-to-stable when the writing worker is killed.
   */
  static final Duration WRITE_ATTEMPT = Duration.ofSeconds(10);

  /** How long a worker waiting for a rollout may stay silent before another one takes over. */
  static final Duration ROLLOUT_HEARTBEAT = Duration.ofSeconds(10);

  /**
   * Forward steps (a weight, a preflight): bounded retries, then the region compensates. On an
   * abort the workflow waits for an attempt in flight to end before compensating, so a late forward
   * write can never land after traffic went back to stable.
   */
  public static ActivityOptions forward() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(WRITE_ATTEMPT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(8)
                .build())
        .build();
  }

  /**
   * Compensating writes: traffic back on stable, the new version scaled down. They retry until they
   * succeed or fail non-retryably, one second apart at first, because no traffic may stay on a bad
   * version.
   */
  public static ActivityOptions compensation() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(WRITE_ATTEMPT)
        .setRetryOptions(undoRetries())
        .build();
  }

  /**
   * Deployments that wait for a rollout, heartbeating their progress (which is also how they learn
   * of an abort, and how a dead worker is noticed); compensation waits for them to end, as for
   * {@link #forward()}.
   */
  public static ActivityOptions rollout() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(20))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setHeartbeatTimeout(ROLLOUT_HEARTBEAT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(5)
                .build())
        .build();
  }

  /**
   * Compensating rollouts (the stable Deployment takes its previous template back): heartbeating
   * like {@link #rollout()}, retried until done like {@link #compensation()}.
   */
  public static ActivityOptions rolloutUndo() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(20))
        .setHeartbeatTimeout(ROLLOUT_HEARTBEAT)
        .setRetryOptions(undoRetries())
        .build();
  }

  private static RetryOptions undoRetries() {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2)
        .setMaximumInterval(Duration.ofSeconds(10))
        .build();
  }

  /**
   * A health check tried {@code tries} times, {@code interval} apart: polling by retry with a
   * backoff coefficient of 1, which costs no history per try.
   */
  public static ActivityOptions healthCheck(int tries, Duration interval) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(interval)
                .setBackoffCoefficient(1)
                .setMaximumAttempts(tries)
                .build())
        .build();
  }

  /**
   * One observation window: the activity heartbeats every check, and may run as long as the longest
   * window plus a margin.
   */
  public static ActivityOptions observation(Duration maxWindow, Duration interval) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(maxWindow.plus(Duration.ofMinutes(5)))
        .setHeartbeatTimeout(interval.multipliedBy(3).plus(Duration.ofSeconds(30)))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(10))
                .setMaximumAttempts(5)
                .build())
        .build();
  }

  /**
   * A hook: a Job may run as long as its timeout (plus a margin to start), heartbeating so a dead
   * worker is noticed within seconds; an HTTP hook is one call. A failed step fails non-retryably
   * in the adapter; transient errors are retried a few times.
   */
  public static ActivityOptions hook(Duration timeout) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout.plus(Duration.ofMinutes(5)))
        .setHeartbeatTimeout(ROLLOUT_HEARTBEAT.multipliedBy(3))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(2))
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(5)
                .build())
        .build();
  }

  /** Notifications: short and bounded, so a failing webhook never holds a release up. */
  public static ActivityOptions notification() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(2))
                .setMaximumAttempts(3)
                .build())
        .build();
  }
}
