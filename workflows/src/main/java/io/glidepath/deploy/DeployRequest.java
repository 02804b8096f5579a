package io.glidepath.deploy;

import io.glidepath.model.RegionSpec;

/**
 * One region's deployment step.
 *
 * @param stableVersion the version serving traffic now, as found by the preflight
 * @param maxSurge for a rolling update only, else {@code null}
 * @param maxUnavailable for a rolling update only, else {@code null}
 */
public record DeployRequest(
    String releaseId,
    String service,
    String version,
    String image,
    String stableVersion,
    RegionSpec region,
    String maxSurge,
    String maxUnavailable) {}
