package io.glidepath.model;

import java.time.Duration;
import java.util.List;

/**
 * The service's objectives and what a release may spend of their error budget (SPEC S14). Each
 * objective is measured per region; its error budget is the share of requests it may fail over the
 * period ({@code 1 - objective}). {@link io.glidepath.slo.PrometheusRules} turns this into
 * Prometheus recording and alerting rules.
 *
 * @param period the rolling window an objective holds over (30d by default)
 * @param minBudget the share of the error budget a region must still have for a release to start in
 *     it (0.25 for 25%); {@code null} when no floor is set, so no region holds for its budget
 * @param objectives what is measured and how good it must be; never empty
 * @param burnAlerts the multi-window burn-rate alerts, fastest first; those of severity {@code
 *     page} also roll back a release whose region burns that fast during observation
 */
public record SloSpec(
    Duration period, Double minBudget, List<Objective> objectives, List<BurnAlert> burnAlerts) {

  /** The seed's period: 30 days rolling. */
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  /** The SRE workbook's pairs: 14.4x over 1h and 5m, 6x over 6h and 30m (page), 1x over 3d, 6h. */
  public static final List<BurnAlert> DEFAULT_BURN_ALERTS =
      List.of(
          new BurnAlert(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, Severity.PAGE),
          new BurnAlert(Duration.ofHours(6), Duration.ofMinutes(30), 6.0, Severity.PAGE),
          new BurnAlert(Duration.ofDays(3), Duration.ofHours(6), 1.0, Severity.TICKET));

  /** The seed's objectives: 99.95% of requests not failed, and 95% of them faster than 100 ms. */
  public static final List<Objective> DEFAULT_OBJECTIVES =
      List.of(
          new Objective("availability", Kind.AVAILABILITY, 99.95, null, null, null),
          new Objective("latency", Kind.LATENCY, 95.0, Duration.ofMillis(100), null, null));

  public SloSpec {
    objectives = objectives == null ? List.of() : List.copyOf(objectives);
    burnAlerts = burnAlerts == null ? List.of() : List.copyOf(burnAlerts);
  }

  /** The objective called {@code name}, or {@code null}. */
  public Objective objective(String name) {
    return objectives.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
  }

  /** The burn-rate pairs that roll a release back: those of severity {@code page}. */
  public List<BurnAlert> fastBurns() {
    return burnAlerts.stream().filter(a -> a.severity() == Severity.PAGE).toList();
  }

  /** What an objective measures. */
  public enum Kind {
    /**
     * The share of requests that did not fail: 2xx, 3xx and 404 are good, 5xx and timeouts bad,
     * other 4xx (the client's fault) count for neither side.
     */
    AVAILABILITY,
    /** The share of requests answered within {@link Objective#latency}. */
    LATENCY
  }

  /** Which alerts page a person (and roll a release back) and which open a ticket. */
  public enum Severity {
    PAGE,
    TICKET
  }

  /**
   * One objective.
   *
   * @param name names the objective in rules, alerts and cards ({@code availability})
   * @param kind what it measures
   * @param percent how good it must be, as a percentage strictly between 0 and 100 ({@code 99.95})
   * @param latency for {@link Kind#LATENCY}: the bound a good request is answered within; it must
   *     be a bucket boundary of the service's histogram
   * @param errors optional PromQL of the failed events' rate per region with a {@code {{window}}}
   *     placeholder, instead of the kind's built-in one; given together with {@code total}
   * @param total optional PromQL of all events' rate per region, with {@code {{window}}}
   */
  public record Objective(
      String name, Kind kind, double percent, Duration latency, String errors, String total) {
    /** The error budget: the share of events that may fail over the period ({@code 0.0005}). */
    public double budget() {
      return (100.0 - percent) / 100.0;
    }
  }

  /**
   * One multi-window burn-rate alert: it fires while the error ratio over both windows is above
   * {@code factor} times the budget.
   *
   * @param longWindow the window that says the burn is significant (1h)
   * @param shortWindow the window that says it is still going on (5m)
   * @param factor how many times faster than "exactly the budget over the period" (14.4)
   */
  public record BurnAlert(
      Duration longWindow, Duration shortWindow, double factor, Severity severity) {}
}
