package io.glidepath.analysis.prometheus;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.analysis.WindowTally;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The observation activity against Prometheus: one check every interval until the window ends or a
 * limit is reached, heartbeating the {@link WindowTally} so a retried attempt resumes its counts.
 */
public final class AnalysisActivitiesImpl implements AnalysisActivities {
  /** Told how long each check took to answer, e.g. to export it as a metric. */
  @FunctionalInterface
  public interface CheckTimer {
    void took(ObservationRequest request, Duration latency);
  }

  private final PrometheusChecks checks;
  private final Clock clock;
  private final CheckTimer timer;

  public AnalysisActivitiesImpl(PrometheusChecks checks, Clock clock) {
    this(checks, clock, (request, latency) -> {});
  }

  public AnalysisActivitiesImpl(PrometheusChecks checks, Clock clock, CheckTimer timer) {
    this.checks = checks;
    this.clock = clock;
    this.timer = timer;
  }

  @Override
  public WindowSummary observe(ObservationRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    WindowTally tally = ctx.getHeartbeatDetails(WindowTally.class).orElse(WindowTally.start());
    // The window runs from the first attempt's scheduling, so a retry does not stretch it.
    long start = ctx.getInfo().getScheduledTimestamp();
    long end = start + request.window().toMillis();
    long interval = request.interval().toMillis();
    for (long next = start + (tally.checks() + 1) * interval; next <= end; next += interval) {
      sleepUntil(next);
      tally = tally.add(timed(request, Instant.ofEpochMilli(next)), request);
      ctx.heartbeat(tally); // also how a cancelled window learns it is over
      if (tally.done()) {
        break;
      }
    }
    return tally.summary();
  }

  @Override
  public CheckResult checkOnce(ObservationRequest request) {
    return timed(request, clock.instant());
  }

  private CheckResult timed(ObservationRequest request, Instant at) {
    long started = System.nanoTime();
    CheckResult result = checks.check(request, at);
    timer.took(request, Duration.ofNanos(System.nanoTime() - started));
    return result;
  }

  private void sleepUntil(long epochMillis) {
    long wait = epochMillis - clock.millis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next check", e);
      }
    }
  }
}
