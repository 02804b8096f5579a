package io.glidepath.region;

import io.glidepath.analysis.WindowSummary;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.status.RegionOutcome;

/**
 * Ends a region's forward path inside its workflow: a breach, a person's rollback, or a gate that
 * timed out. Caught in {@link RegionRolloutWorkflowImpl#run}; never leaves workflow code.
 */
final class RegionRollback extends RuntimeException {
  final RegionOutcome outcome;
  final WindowSummary verdict;
  final String actor;
  final ReleaseEvent.Cause cause;

  RegionRollback(
      RegionOutcome outcome,
      ReleaseEvent.Cause cause,
      String actor,
      String reason,
      WindowSummary verdict) {
    super(reason, null, false, false);
    this.outcome = outcome;
    this.cause = cause;
    this.actor = actor;
    this.verdict = verdict;
  }
}
