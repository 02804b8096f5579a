package io.glidepath.flow;

import io.temporal.failure.ApplicationFailure;

/** Reads the human message out of a Temporal failure chain. */
public final class Failures {
  private Failures() {}

  /** The first application failure's own message, else the innermost message. */
  public static String describe(Throwable f) {
    Throwable t = f;
    while (t.getCause() != null && !(t instanceof ApplicationFailure)) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure af
        ? af.getOriginalMessage()
        : String.valueOf(t.getMessage());
  }
}
