package io.glidepath.model;

import java.util.Locale;

/** How traffic moves inside a region. */
public enum StrategyType {
  /** Weighted stages, each held and analysed. */
  CANARY,
  /**
   * Deploy green beside blue, health-check it, switch all traffic at once, keep blue for a rollback
   * window.
   */
  BLUE_GREEN,
  /** Update the Deployment in place and watch the rollout and the metrics. */
  ROLLING;

  /** The spec's spelling, e.g. {@code canary}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
