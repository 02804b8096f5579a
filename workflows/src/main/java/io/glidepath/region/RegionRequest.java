package io.glidepath.region;

import io.glidepath.model.ReleaseSpec;

/**
 * What a region's workflow needs: the whole spec, which region, and who started the release.
 *
 * @param stableVersion the version serving the region now, found by the release's preflight
 */
public record RegionRequest(
    ReleaseSpec spec, String region, String stableVersion, String requestedBy) {}
