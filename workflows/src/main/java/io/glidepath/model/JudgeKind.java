package io.glidepath.model;

import java.util.Locale;

/** How an analysis check turns metrics into a verdict ({@code analysis.judge}). */
public enum JudgeKind {
  /** Each query's value against its threshold, with a consecutive-failure count (the default). */
  THRESHOLD,
  /**
   * The new version against the stable one over the same window: a test for two proportions on
   * request counts, the latency distribution from the histogram buckets, a minimum-sample guard, an
   * allowed effect size per query, and absolute thresholds as ceilings.
   */
  STATISTICAL;

  /** The spec's spelling, e.g. {@code statistical}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
