package io.glidepath.analysis;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Judges a region's metrics. Verdicts are values; the workflow owns the policy. */
@ActivityInterface
public interface AnalysisActivities {

  /**
   * Runs one check every {@code request.interval()} until {@code request.window()} has passed,
   * heartbeating its {@link WindowTally} so a retried attempt resumes it. Returns as soon as a
   * limit is reached (see {@link WindowTally#add}), otherwise at the window's end.
   */
  @ActivityMethod(name = "ObserveWindow")
  WindowSummary observe(ObservationRequest request);

  /** Runs every query of the request once, now, and returns their verdicts. */
  @ActivityMethod(name = "CheckOnce")
  CheckResult checkOnce(ObservationRequest request);
}
