package io.glidepath.environment;

import io.glidepath.release.ReleaseRequest;

/**
 * A revert of the release that put {@code reverted} into {@code environment}: the version that
 * served there before it is released again ({@code request}, built by {@link
 * io.glidepath.release.Revert#spec}), and the reverted version is blocked from every later
 * environment until a person overrides.
 *
 * @param reverted the version being reverted (the last completed release's)
 * @param request the revert's release; its {@code requestedBy} is who reverts
 * @param reason why, as given to {@code release revert --reason}
 * @param identity the Temporal client identity it came from
 */
public record Reversal(
    String environment, String reverted, ReleaseRequest request, String reason, String identity) {}
