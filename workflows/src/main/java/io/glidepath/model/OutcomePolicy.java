package io.glidepath.model;

import java.util.Locale;

/**
 * What the workflow does with an analysis window that has no usable data or too many provider
 * errors.
 */
public enum OutcomePolicy {
  /**
   * Hold the stage, alert, and wait for a person to resume or roll back; the stage stays watched
   * and never passes silently.
   */
  HOLD,
  /** Treat it as a failure and roll back. */
  ROLLBACK,
  /** Go on, with an alert and a timeline entry saying so. */
  PROCEED;

  /** The spec's spelling, e.g. {@code hold}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
