package io.glidepath.model;

import java.time.Duration;

/**
 * One environment of a service (dev, staging, prod), in the order its spec lists them: its name,
 * what it asks of the environment before it, and the release it runs (the spec's shared settings
 * with this environment's own laid over them).
 *
 * @param verifiedFor how long the same version must have run healthy in the previous environment,
 *     after its release there completed, before this environment may take it; zero asks only that
 *     it completed there. Always zero for the first environment.
 * @param release the release this environment runs, as validated
 */
public record EnvironmentSpec(String name, Duration verifiedFor, ReleaseSpec release) {
  public EnvironmentSpec {
    verifiedFor = verifiedFor == null ? Duration.ZERO : verifiedFor;
  }
}
