package io.glidepath.model;

import java.util.Locale;

/** What an approval gate does when nobody decides in time. */
public enum TimeoutOutcome {
  /** Roll back what moved and stop (the default). */
  ABORT,
  /** Go on, recorded in the timeline as a timeout. */
  PROCEED;

  /** The spec's spelling, e.g. {@code abort}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
