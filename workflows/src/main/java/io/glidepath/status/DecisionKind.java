package io.glidepath.status;

/** What kind of decision a timeline entry records; its text says the details. */
public enum DecisionKind {
  RELEASE_STARTED,
  PREFLIGHT,
  REGION_STARTED,
  REGION_PROTECTED,
  DEPLOYED,
  VERIFIED,
  TRAFFIC_SHIFTED,
  STAGE_PASSED,
  /** A person let a stage through without a verdict (resume during a hold on no data). */
  STAGE_LET_THROUGH,
  PROCEEDED_WITHOUT_VERDICT,
  HOLDING,
  PAUSED,
  RESUMED,
  GATE_APPROVED,
  GATE_TIMED_OUT,
  APPROVED,
  PROMOTED,
  HOOK_RAN,
  HOOK_FAILED,
  ESCALATED,
  /** A person ended a stage's hold early, or sent the region straight to 100%. */
  PROMOTED_EARLY,
  RETIRED,
  DELAY,
  /** A traffic increase waits for a deploy window, a freeze's end, or a calendar stage's time. */
  WAITING_FOR_WINDOW,
  SOAK,
  ROLLBACK_REQUESTED,
  ROLLBACK_TRIGGERED,
  TRAFFIC_RESTORED,
  STABLE_RESTORED,
  NEW_VERSION_SCALED_DOWN,
  COMPENSATION_FAILED,
  ABORT_REQUESTED,
  RELEASE_ENDED,
  /**
   * A region's remaining error budget was read: before the release, before it started, at the end.
   */
  BUDGET,
  /** A region holds before it starts: its remaining error budget is under the spec's floor. */
  BUDGET_HOLD,
  /** A version was delivered to an environment (its release started there). */
  DELIVERED,
  /** A person let a version into an environment its rules would refuse, with a reason. */
  OVERRIDDEN,
  /** A person or CI recorded that a version failed its verification in an environment. */
  VERIFICATION_FAILED,
  /**
   * A person reverted a version in an environment ({@code release revert}): the version before it
   * is released there again, and the reverted one is blocked downstream.
   */
  REVERTED
}
