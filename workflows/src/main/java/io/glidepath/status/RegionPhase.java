package io.glidepath.status;

/** Where a region is. */
public enum RegionPhase {
  PENDING,
  /** Running a hook (a Job or an HTTP call) of the spec. */
  RUNNING_HOOK,
  DEPLOYING,
  VERIFYING,
  AWAITING_APPROVAL,
  /** Waiting, watched at its weight, for a deploy window, the end of a freeze or a stage's time. */
  WAITING_FOR_WINDOW,
  SHIFTING,
  OBSERVING,
  /** Held at its weight (paused, or no usable data) and still watched, until resumed. */
  HOLDING,
  /** At 100% and healthy; watched through delays and the soak until the release finalizes. */
  WATCHING,
  /** Making the new version the stable one: stable takes its template, traffic returns to it. */
  PROMOTING,
  FINALIZING,
  ROLLING_BACK,
  COMPLETED,
  ROLLED_BACK,
  FAILED,
  ABORTED,
  /** Never started: a region before it failed and the release protects the rest. */
  PROTECTED,
  /** Never started: the release was aborted or failed before its turn. */
  NOT_STARTED;

  /** Whether the region has ended. */
  public boolean finished() {
    return switch (this) {
      case COMPLETED, ROLLED_BACK, FAILED, ABORTED, PROTECTED, NOT_STARTED -> true;
      default -> false;
    };
  }
}
