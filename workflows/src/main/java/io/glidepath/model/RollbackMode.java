package io.glidepath.model;

import java.util.Locale;

/** How a canary goes back to stable. */
public enum RollbackMode {
  /** All traffic back on stable in one step (the default). */
  IMMEDIATE,
  /** Step down through the weights already passed, e.g. 75, 50, 0. */
  STAGED;

  /** The spec's spelling, e.g. {@code immediate}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
