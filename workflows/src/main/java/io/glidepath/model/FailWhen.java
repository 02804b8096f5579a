package io.glidepath.model;

import java.util.Locale;

/** The side of a threshold that fails a check. */
public enum FailWhen {
  /** Fails when the value is above the threshold (error rate, latency, CPU). */
  ABOVE,
  /** Fails when the value is below the threshold (throughput, success rate). */
  BELOW;

  /** The spec's spelling, e.g. {@code above}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
