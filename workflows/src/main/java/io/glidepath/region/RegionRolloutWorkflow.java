package io.glidepath.region;

import io.glidepath.status.Control;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionResult;
import io.glidepath.status.RegionStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One region of a release (workflow id {@code release-<service>-<region>}): deploys the new version
 * beside the stable one, moves traffic by the release's strategy while watching the metrics, then
 * keeps watching at 100% until the release finalizes. Any breach, failure, abort or cancel ends
 * with all traffic on stable and the new version scaled down.
 */
@WorkflowInterface
public interface RegionRolloutWorkflow {

  /**
   * Runs the region to its end. Completes with a result when the release finalized it; fails with
   * type {@code RegionRolledBack}, {@code RegionAborted} or {@code RegionFailed} (the {@link
   * RegionResult} in the failure's details) after compensating; ends cancelled after compensating
   * when its release is cancelled.
   */
  @WorkflowMethod
  RegionResult run(RegionRequest request);

  /** Holds the region at its current weight after the current window; it stays watched. */
  @SignalMethod
  void pause(Control control);

  /** Lets a held region go on. */
  @SignalMethod
  void resume(Control control);

  /** Puts all traffic back on stable and scales the new version down, now. */
  @SignalMethod
  void rollback(Control control);

  /**
   * Ends the current stage's hold early, or with {@code full} goes straight to 100% and promotion;
   * the release's validator has checked it.
   */
  @SignalMethod
  void promote(Promotion promotion);

  /** The line is stopped: hold before the next traffic increase until {@link #lineResumed}. */
  @SignalMethod
  void lineStopped(io.glidepath.flow.LineStop freeze);

  /** The line may move again. */
  @SignalMethod
  void lineResumed(io.glidepath.flow.LineStop freeze);

  /** Tells the region that the approval gate {@code gateId} is approved. */
  @SignalMethod
  void gateApproved(String gateId);

  /** Tells a watching region that the release is done: retire the old version and complete. */
  @SignalMethod
  void finish(Control control);

  /** The region's phase, stage, weight, last verdict with its values, and timeline. */
  @QueryMethod
  RegionStatus status();
}
