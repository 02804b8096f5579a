package io.glidepath.release;

import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.Promotion;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A release of one service to every region of its spec (workflow id {@code release-<service>}, one
 * running per service): preflight, optional approval, regions by mode, soak, finalize.
 */
@WorkflowInterface
public interface ReleaseWorkflow {

  /**
   * Runs the release to its end. Returns the result when every region completed; fails with type
   * {@code ReleaseFailed} or {@code ReleaseAborted} (the {@link ReleaseResult} in the failure's
   * details) otherwise, and with {@code InvalidSpec} before anything moves when the spec is
   * invalid.
   */
  @WorkflowMethod
  ReleaseResult run(ReleaseRequest request);

  /**
   * Records one approval of an open gate and returns the gate as it stands after it. The gate opens
   * the way once every required role has its approvals.
   */
  @UpdateMethod
  PendingApproval approve(Approval approval);

  /**
   * Refuses an approval before it is recorded: no such open gate, an approver not on the list, a
   * role the approver does not hold or the gate does not need, self-approval by the release's
   * author, or a second approval by the same person. The reason names which.
   */
  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Approval approval);

  /**
   * Moves a region on without waiting out its current stage (Argo Rollouts' {@code promote}): ends
   * the current stage's hold early, or with {@code full} goes straight to 100% and promotion. For
   * every running region when the request names none. Recorded in the timeline. Returns what was
   * requested.
   */
  @UpdateMethod
  String promote(Promotion promotion);

  /**
   * Refuses a promotion that names no running region, a region that holds, waits for an approval,
   * or is already at 100%, a full promotion past a stage gate, and oversized names or reasons.
   */
  @UpdateValidatorMethod(updateName = "promote")
  void validatePromote(Promotion promotion);

  /** Rolls back one running region now; the others follow the release's region-failure policy. */
  @UpdateMethod
  String rollbackRegion(Control control);

  /** Refuses a rollback of a region that is not part of the release or not running. */
  @UpdateValidatorMethod(updateName = "rollbackRegion")
  void validateRollbackRegion(Control control);

  /** Aborts the release: every region that moved traffic goes back to stable. */
  @SignalMethod
  void abort(Control control);

  /**
   * The line is stopped ({@link io.glidepath.line.StopTheLineWorkflow}): every running region holds
   * before its next traffic increase, and regions started later hold too; rollbacks still run.
   */
  @SignalMethod
  void lineStopped(io.glidepath.flow.LineStop freeze);

  /** The freeze covering this release was lifted: regions may increase traffic again. */
  @SignalMethod
  void lineResumed(io.glidepath.flow.LineStop freeze);

  /** Holds the release: no new region or stage starts; what runs stays watched. */
  @SignalMethod
  void pause(Control control);

  /** Lets a paused or holding release go on. */
  @SignalMethod
  void resume(Control control);

  /** Progress of a region, sent by its workflow whenever its phase, stage or weight changes. */
  @SignalMethod(name = RegionStatus.PROGRESS_SIGNAL)
  void regionProgress(RegionStatus status);

  /** Phase, regions, pending approvals and the timeline of decisions. */
  @QueryMethod
  ReleaseStatus status();
}
