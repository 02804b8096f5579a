package io.glidepath.model;

import java.util.Locale;

/** How regions follow each other. */
public enum RegionMode {
  /** Region after region; each starts only when the previous one is healthy at 100%. */
  SEQUENTIAL,
  /**
   * Sequential, with an observation delay between regions while the finished region stays watched.
   */
  DELAYED,
  /** All regions at once. */
  PARALLEL;

  /** The spec's spelling, e.g. {@code sequential}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
