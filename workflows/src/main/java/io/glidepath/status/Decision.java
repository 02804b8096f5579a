package io.glidepath.status;

/**
 * One entry of a release's timeline: who decided what, when, and why.
 *
 * @param who a person's name, or {@code glidepath} for the release's own decisions
 */
public record Decision(long atMillis, String who, String what, String why) {}
