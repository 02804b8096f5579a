package io.glidepath.model;

import java.time.Duration;
import java.util.List;

/**
 * How metrics are checked and what the workflow does with the verdicts.
 *
 * @param interval time between two checks inside an observation window
 * @param failureLimit consecutive failing checks of one query that trigger a rollback
 * @param noData what a window with inconclusive checks (no data, too little traffic) does
 * @param inconclusiveLimit inconclusive checks a window tolerates before {@code noData} applies
 * @param onError what a window with too many provider errors does
 * @param errorLimit consecutive provider errors a window tolerates before {@code onError} applies
 * @param minRequestRate requests per second below which a check is inconclusive, never a pass
 * @param maxWindow longest single observation activity; longer holds, delays and soaks are watched
 *     as several windows
 * @param queries every query known to this release, built-in ones included
 * @param judge how checks are judged: thresholds (the default) or the statistical comparison with
 *     the stable version
 * @param warmup after every traffic shift, how long the new version's numbers are not judged (JVM
 *     warm-up, cold caches); checks in it are inconclusive and later checks read only what came
 *     after it
 */
public record AnalysisSpec(
    Duration interval,
    int failureLimit,
    OutcomePolicy noData,
    int inconclusiveLimit,
    OutcomePolicy onError,
    int errorLimit,
    double minRequestRate,
    Duration maxWindow,
    List<QuerySpec> queries,
    JudgeKind judge,
    Duration warmup) {
  public AnalysisSpec {
    queries = queries == null ? List.of() : List.copyOf(queries);
    judge = judge == null ? JudgeKind.THRESHOLD : judge;
    // Specs recorded before warm-up existed read as their judge's default.
    warmup = warmup == null ? Defaults.warmup(judge) : warmup;
  }

  /** An analysis with the default warm-up. */
  public AnalysisSpec(
      Duration interval,
      int failureLimit,
      OutcomePolicy noData,
      int inconclusiveLimit,
      OutcomePolicy onError,
      int errorLimit,
      double minRequestRate,
      Duration maxWindow,
      List<QuerySpec> queries,
      JudgeKind judge) {
    this(
        interval,
        failureLimit,
        noData,
        inconclusiveLimit,
        onError,
        errorLimit,
        minRequestRate,
        maxWindow,
        queries,
        judge,
        null);
  }

  /** An analysis with the default threshold judge. */
  public AnalysisSpec(
      Duration interval,
      int failureLimit,
      OutcomePolicy noData,
      int inconclusiveLimit,
      OutcomePolicy onError,
      int errorLimit,
      double minRequestRate,
      Duration maxWindow,
      List<QuerySpec> queries) {
    this(
        interval,
        failureLimit,
        noData,
        inconclusiveLimit,
        onError,
        errorLimit,
        minRequestRate,
        maxWindow,
        queries,
        JudgeKind.THRESHOLD);
  }

  /** The query called {@code name}, or {@code null}. */
  public QuerySpec query(String name) {
    return queries.stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
  }
}
