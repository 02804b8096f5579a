package io.glidepath.status;

/**
 * One entry of a release's timeline: who decided what, when, and why.
 *
 * @param who a person's name, or {@code glidepath} for the release's own decisions
 * @param kind what kind of decision it is; {@code null} in entries recorded before kinds existed
 */
public record Decision(long atMillis, String who, String what, String why, DecisionKind kind) {}
