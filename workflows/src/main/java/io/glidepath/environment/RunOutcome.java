package io.glidepath.environment;

/** How a version's release into an environment stands or ended. */
public enum RunOutcome {
  /** The release runs now. */
  RUNNING,
  /** The release completed: the version serves the environment. */
  COMPLETED,
  /** At least one region rolled back or failed; the previous version serves. */
  ROLLED_BACK,
  /** A person aborted the release. */
  ABORTED,
  /** Temporal could not start the release (another release of the service runs). */
  NOT_STARTED,
  /** After it completed, a person or CI recorded that the version failed its verification. */
  FAILED_VERIFICATION,
  /**
   * After it completed, a person reverted it ({@code release revert}): the version that served
   * before it was released again.
   */
  REVERTED;

  /** Whether this outcome blocks the version from every later environment. */
  public boolean blocks() {
    return this == ROLLED_BACK
        || this == ABORTED
        || this == FAILED_VERIFICATION
        || this == REVERTED;
  }

  /** The outcome in words, for status lines and refusals. */
  public String words() {
    return switch (this) {
      case RUNNING -> "being released";
      case COMPLETED -> "completed";
      case ROLLED_BACK -> "rolled back";
      case ABORTED -> "aborted";
      case NOT_STARTED -> "not started";
      case FAILED_VERIFICATION -> "failed its verification";
      case REVERTED -> "was reverted";
    };
  }
}
