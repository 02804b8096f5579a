package io.glidepath.analysis;

import java.time.Duration;
import java.util.List;

/**
 * One observation window of a region: which queries to check, how often, and the limits at which
 * the window ends early.
 *
 * @param stableVersion for queries that compare against the stable version
 * @param minRequestRate requests per second below which a check is inconclusive
 * @param requestRateQuery the query measuring that rate, or {@code null} for no traffic guard
 */
public record ObservationRequest(
    String releaseId,
    String service,
    String region,
    String version,
    String stableVersion,
    Duration window,
    Duration interval,
    List<QueryCheck> checks,
    int inconclusiveLimit,
    int errorLimit,
    double minRequestRate,
    String requestRateQuery) {
  public ObservationRequest {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }
}
