package io.glidepath.status;

/** Where a release is. */
public enum ReleasePhase {
  PREFLIGHT,
  AWAITING_APPROVAL,
  ROLLING_OUT,
  /** Between two regions in delayed mode; the finished region is still watched. */
  DELAY,
  SOAKING,
  FINALIZING,
  COMPLETED,
  /** Ended with at least one region rolled back or failed. */
  FAILED,
  ABORTED;

  /** Whether the release has ended. */
  public boolean finished() {
    return this == COMPLETED || this == FAILED || this == ABORTED;
  }
}
