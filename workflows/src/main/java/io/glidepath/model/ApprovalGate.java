package io.glidepath.model;

import java.util.Locale;

/** Where a release waits for approval. */
public enum ApprovalGate {
  /** Once, before anything moves. */
  RELEASE,
  /** Before each region starts. */
  REGION,
  /** Before a canary stage marked with gate: true. */
  STAGE,
  /** After the soak: the team's sign-off that the release is live. */
  GO_LIVE;

  /** The spec's spelling, e.g. {@code release}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
