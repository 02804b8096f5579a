package io.glidepath.status;

/**
 * One entry of a release's timeline: who decided what, when, and why.
 *
 * @param who a person's name, or {@code glidepath} for the release's own decisions
 * @param kind what kind of decision it is; {@code null} in entries recorded before kinds existed
 * @param identity for a person's decision, the Temporal client identity that sent it (the name in
 *     {@code who} is what they claimed); {@code null} for Glidepath's own decisions
 */
public record Decision(
    long atMillis, String who, String what, String why, DecisionKind kind, String identity) {
  public Decision(long atMillis, String who, String what, String why, DecisionKind kind) {
    this(atMillis, who, what, why, kind, null);
  }
}
