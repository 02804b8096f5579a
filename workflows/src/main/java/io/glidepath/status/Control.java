package io.glidepath.status;

/**
 * A person's control request: abort, pause, resume or roll back.
 *
 * @param region for a region rollback, the region; else {@code null}
 */
public record Control(String by, String reason, String region) {}
