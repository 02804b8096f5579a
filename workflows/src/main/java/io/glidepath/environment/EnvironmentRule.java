package io.glidepath.environment;

import java.time.Duration;

/**
 * One environment in a service's order and what it asks of the one before it.
 *
 * @param verifiedFor how long a version must have run in the previous environment after its release
 *     there completed; zero asks only that it completed
 */
public record EnvironmentRule(String name, Duration verifiedFor) {
  public EnvironmentRule {
    verifiedFor = verifiedFor == null ? Duration.ZERO : verifiedFor;
  }
}
