package io.glidepath.model;

/**
 * One metric query. The built-in ones ({@code error-rate}, {@code p95-latency}, {@code
 * p99-latency}, {@code cpu}, {@code memory}) carry default PromQL; a spec may override their text
 * or add its own.
 *
 * @param name the name thresholds refer to
 * @param query PromQL template with {@code {{service}}}, {@code {{region}}}, {@code {{version}}},
 *     {@code {{stable_version}}} and {@code {{window}}} placeholders
 * @param unit how thresholds and values are read and printed
 * @param failWhen the side of the threshold that fails (the query's direction)
 * @param threshold default threshold when a stage does not name one; {@code null} means the query
 *     is only checked where a stage sets a threshold
 * @param failureLimit consecutive failing checks that trigger a rollback; {@code null} takes the
 *     analysis default
 * @param compare judge against the stable version as well, or {@code null}
 * @param maxIncrease the statistical judge's allowed effect: how many times the stable version's
 *     value the new one may reach before a significant difference fails, e.g. 1.5; {@code null}
 *     takes the judge's default for the query
 */
public record QuerySpec(
    String name,
    String query,
    MetricUnit unit,
    FailWhen failWhen,
    Double threshold,
    Integer failureLimit,
    Comparison compare,
    Double maxIncrease) {

  /** A query without an allowed effect of its own. */
  public QuerySpec(
      String name,
      String query,
      MetricUnit unit,
      FailWhen failWhen,
      Double threshold,
      Integer failureLimit,
      Comparison compare) {
    this(name, query, unit, failWhen, threshold, failureLimit, compare, null);
  }

  /** A query without a comparison against stable. */
  public QuerySpec(
      String name,
      String query,
      MetricUnit unit,
      FailWhen failWhen,
      Double threshold,
      Integer failureLimit) {
    this(name, query, unit, failWhen, threshold, failureLimit, null, null);
  }
}
