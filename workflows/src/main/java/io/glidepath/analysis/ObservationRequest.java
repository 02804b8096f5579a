package io.glidepath.analysis;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.FlagSettings;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.QuerySpec;
import io.glidepath.model.ReleaseSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One observation window of a region: which queries to check, how often, and the limits at which
 * the window ends early.
 *
 * @param stableVersion for queries that compare against the stable version
 * @param minRequestRate requests per second below which a check is inconclusive
 * @param requestRateQuery the query measuring that rate, or {@code null} for no traffic guard
 * @param judge how each check is judged
 * @param warmup the spec's warm-up after a traffic shift
 * @param shiftedAtMillis when traffic last shifted to the new version's current weight (epoch
 *     millis), or 0 when no shift is known: then no warm-up applies
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
    String requestRateQuery,
    JudgeKind judge,
    Duration warmup,
    long shiftedAtMillis) {
  public ObservationRequest {
    checks = checks == null ? List.of() : List.copyOf(checks);
    judge = judge == null ? JudgeKind.THRESHOLD : judge;
    warmup = warmup == null ? Duration.ZERO : warmup;
  }

  /** A request without a known traffic shift. */
  public ObservationRequest(
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
      String requestRateQuery,
      JudgeKind judge) {
    this(
        releaseId,
        service,
        region,
        version,
        stableVersion,
        window,
        interval,
        checks,
        inconclusiveLimit,
        errorLimit,
        minRequestRate,
        requestRateQuery,
        judge,
        Duration.ZERO,
        0);
  }

  /**
   * This request for a window after the traffic shift at {@code millis}: checks in the spec's
   * warm-up after it are inconclusive, later ones read only what came after the warm-up.
   */
  public ObservationRequest shiftedAt(long millis) {
    return new ObservationRequest(
        releaseId,
        service,
        region,
        version,
        stableVersion,
        window,
        interval,
        checks,
        inconclusiveLimit,
        errorLimit,
        minRequestRate,
        requestRateQuery,
        judge,
        warmup,
        millis);
  }

  /** When the warm-up after the last traffic shift ends (epoch millis); 0 when none applies. */
  public long warmupEndMillis() {
    return shiftedAtMillis <= 0 || warmup.isZero() ? 0 : shiftedAtMillis + warmup.toMillis();
  }

  /** A request judged by thresholds. */
  public ObservationRequest(
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
    this(
        releaseId,
        service,
        region,
        version,
        stableVersion,
        window,
        interval,
        checks,
        inconclusiveLimit,
        errorLimit,
        minRequestRate,
        requestRateQuery,
        JudgeKind.THRESHOLD);
  }

  /**
   * The request for one window of {@code region} under {@code thresholds} (a stage's, or the final
   * ones): every query with a threshold there or a default threshold of its own, each with its
   * consecutive-failure limit.
   */
  public static ObservationRequest of(
      String releaseId,
      ReleaseSpec spec,
      String region,
      String stableVersion,
      Map<String, Double> thresholds,
      Duration window) {
    AnalysisSpec a = spec.analysis();
    List<QueryCheck> checks = new ArrayList<>();
    for (QuerySpec q : a.queries()) {
      Double threshold = thresholds.getOrDefault(q.name(), q.threshold());
      // The statistical judge compares the request-count queries with stable even without a
      // threshold; a threshold, where there is one, is its ceiling.
      boolean compared =
          a.judge() == JudgeKind.STATISTICAL && StatisticalChecks.countBased(q) != null;
      if (threshold != null || q.compare() != null || compared) {
        checks.add(
            new QueryCheck(
                q.name(),
                q.query(),
                q.unit(),
                q.failWhen(),
                threshold == null ? Double.MAX_VALUE : threshold,
                q.failureLimit() == null ? a.failureLimit() : q.failureLimit(),
                q.compare(),
                q.maxIncrease()));
      }
    }
    QuerySpec rate = a.query(Defaults.REQUEST_RATE);
    // A flag release judges the users on the new variant against those on the old one.
    FlagSettings flag = FlagSettings.ofRelease(spec);
    return new ObservationRequest(
        releaseId,
        spec.service(),
        region,
        flag == null ? spec.version() : flag.newVariant(),
        flag == null ? stableVersion : flag.oldVariant(),
        window,
        a.interval(),
        checks,
        a.inconclusiveLimit(),
        a.errorLimit(),
        a.minRequestRate(),
        a.minRequestRate() > 0 && rate != null ? rate.query() : null,
        a.judge(),
        a.warmup(),
        0);
  }

  /**
   * The release's metric preflight in {@code region}: one check of the stable version (which serves
   * all traffic) against the spec's {@code preflight} limits, before anything moves. No traffic
   * guard and no comparison: stable is what is judged.
   */
  public static ObservationRequest preflight(
      String releaseId, ReleaseSpec spec, String region, String stableVersion) {
    AnalysisSpec a = spec.analysis();
    List<QueryCheck> checks = new ArrayList<>();
    spec.preflight()
        .forEach(
            (name, limit) -> {
              QuerySpec q = a.query(name);
              checks.add(new QueryCheck(name, q.query(), q.unit(), q.failWhen(), limit, 1, null));
            });
    return new ObservationRequest(
        releaseId,
        spec.service(),
        region,
        stableVersion,
        stableVersion,
        a.interval(),
        a.interval(),
        checks,
        1,
        1,
        0,
        null);
  }

  /** The same request with {@code more} checks after its own. */
  public ObservationRequest withChecks(List<QueryCheck> more) {
    List<QueryCheck> all = new ArrayList<>(checks);
    all.addAll(more);
    return new ObservationRequest(
        releaseId,
        service,
        region,
        version,
        stableVersion,
        window,
        interval,
        all,
        inconclusiveLimit,
        errorLimit,
        minRequestRate,
        requestRateQuery,
        judge,
        warmup,
        shiftedAtMillis);
  }

  /** The same request about {@code otherVersion} as the new version (analyze --version). */
  public ObservationRequest forVersion(String otherVersion) {
    return new ObservationRequest(
        releaseId,
        service,
        region,
        otherVersion,
        stableVersion,
        window,
        interval,
        checks,
        inconclusiveLimit,
        errorLimit,
        minRequestRate,
        requestRateQuery,
        judge,
        warmup,
        shiftedAtMillis);
  }
}
