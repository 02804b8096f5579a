package io.glidepath.release;

import io.glidepath.model.ReleaseSpec;

/**
 * The input of a release.
 *
 * @param requestedBy who started it; that person may not approve its gates
 */
public record ReleaseRequest(ReleaseSpec spec, String requestedBy) {}
