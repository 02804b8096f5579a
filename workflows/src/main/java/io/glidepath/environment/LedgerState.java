package io.glidepath.environment;

import io.glidepath.status.Decision;
import java.util.List;

/**
 * Everything a service's environment ledger knows, carried across continue-as-new and returned by
 * its status query.
 *
 * @param order the environments in order, as the latest delivery's spec gave them
 * @param runs every release into every environment, oldest first (bounded per environment)
 * @param overrides overrides not yet used
 * @param timeline deliveries, outcomes, overrides and failed verifications: who, when, why
 */
public record LedgerState(
    String service,
    List<EnvironmentRule> order,
    List<EnvironmentRun> runs,
    List<Ruling> overrides,
    List<Decision> timeline) {
  public LedgerState {
    order = order == null ? List.of() : List.copyOf(order);
    runs = runs == null ? List.of() : List.copyOf(runs);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** A ledger that knows nothing yet. */
  public static LedgerState empty(String service) {
    return new LedgerState(service, List.of(), List.of(), List.of(), List.of());
  }

  /** The release running now, if any. */
  public EnvironmentRun running() {
    return runs.stream().filter(r -> r.outcome() == RunOutcome.RUNNING).findFirst().orElse(null);
  }
}
