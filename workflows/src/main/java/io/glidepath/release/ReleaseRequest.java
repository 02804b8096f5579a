package io.glidepath.release;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecValidator;

/**
 * The input of a release.
 *
 * @param requestedBy who started it; that person may not approve its gates
 * @param sandbox the release moves the sandbox's traffic, so the spec is checked within {@link
 *     io.glidepath.spec.SpecValidator.Limits#SANDBOX}; absent (false) in releases started before it
 */
public record ReleaseRequest(ReleaseSpec spec, String requestedBy, boolean sandbox) {
  public ReleaseRequest(ReleaseSpec spec, String requestedBy) {
    this(spec, requestedBy, false);
  }

  public SpecValidator.Limits limits() {
    return sandbox ? SpecValidator.Limits.SANDBOX : SpecValidator.Limits.RELEASE;
  }
}
