package io.glidepath.region;

import io.glidepath.analysis.WindowSummary;
import io.glidepath.status.RegionOutcome;

/**
 * Ends a region's forward path inside its workflow: a breach, a person's rollback, or a gate that
 * timed out. Caught in {@link RegionRolloutWorkflowImpl#run}; never leaves workflow code.
 */
final class RegionRollback extends RuntimeException {
  final RegionOutcome outcome;
  final WindowSummary verdict;
  final String actor;

  RegionRollback(RegionOutcome outcome, String actor, String reason, WindowSummary verdict) {
    super(reason, null, false, false);
    this.outcome = outcome;
    this.actor = actor;
    this.verdict = verdict;
  }
}
