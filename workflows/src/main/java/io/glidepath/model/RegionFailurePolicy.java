package io.glidepath.model;

import java.util.Locale;

/** What a failed region does to the regions after it. */
public enum RegionFailurePolicy {
  /** Protect downstream: regions not yet started are skipped and reported as protected. */
  HALT,
  /** Regions are independent: the others go on. */
  CONTINUE;

  /** The spec's spelling, e.g. {@code halt}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
