package io.glidepath.status;

/** How a region ended, for the summary. */
public enum RegionOutcome {
  COMPLETED,
  ROLLED_BACK,
  FAILED,
  ABORTED,
  PROTECTED,
  NOT_STARTED
}
