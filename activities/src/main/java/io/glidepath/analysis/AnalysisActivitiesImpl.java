package io.glidepath.analysis;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.time.Instant;

/**
 * The observation activity against Prometheus: one check every interval until the window ends or a
 * limit is reached, heartbeating the {@link WindowTally} so a retried attempt resumes its counts.
 */
public final class AnalysisActivitiesImpl implements AnalysisActivities {
  private final PrometheusChecks checks;
  private final Clock clock;

  public AnalysisActivitiesImpl(PrometheusChecks checks, Clock clock) {
    this.checks = checks;
    this.clock = clock;
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
      tally = tally.add(checks.check(request, Instant.ofEpochMilli(next)), request);
      ctx.heartbeat(tally); // also how a cancelled window learns it is over
      if (tally.done()) {
        break;
      }
    }
    return tally.summary();
  }

  @Override
  public CheckResult checkOnce(ObservationRequest request) {
    return checks.check(request, clock.instant());
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
