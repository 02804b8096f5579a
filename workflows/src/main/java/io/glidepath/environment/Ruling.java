package io.glidepath.environment;

/**
 * A person's ruling on one version in one environment, with who made it and why: an override (let
 * the version into {@code environment} although its rules refuse it) or a failed verification (the
 * version failed in {@code environment} after its release completed).
 *
 * @param identity the Temporal client identity it came from
 * @param atMillis when the ledger recorded it (ignored in the request)
 */
public record Ruling(
    String version, String environment, String by, String identity, String reason, long atMillis) {}
