package io.glidepath.notify;

/** The notable moments of a release. */
public enum EventType {
  RELEASE_STARTED,
  REGION_STARTED,
  STAGE_PASSED,
  APPROVAL_NEEDED,
  APPROVED,
  /** The analysis could not judge (no data, provider errors) and the policy held or proceeded. */
  ATTENTION,
  /** A gate, pause or hold has stayed open longer than the spec's escalation allows. */
  ESCALATION,
  ROLLBACK_TRIGGERED,
  REGION_COMPLETED,
  REGION_PROTECTED,
  RELEASE_COMPLETED,
  RELEASE_FAILED,
  SUMMARY
}
