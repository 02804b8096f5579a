package io.glidepath.model;

import static io.glidepath.model.FailWhen.ABOVE;
import static io.glidepath.model.MetricUnit.NUMBER;
import static io.glidepath.model.MetricUnit.RATIO;
import static io.glidepath.model.MetricUnit.SECONDS;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The defaults a spec gets where it is silent: the seed runbooks' numbers (SPEC S1-S4). */
public final class Defaults {
  private Defaults() {}

  public static final String ERROR_RATE = "error-rate";
  public static final String P95_LATENCY = "p95-latency";
  public static final String P99_LATENCY = "p99-latency";
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String REQUEST_RATE = "request-rate";

  /** The label selector of the built-in queries. */
  public static final String SELECTOR =
      "service=\"{{service}}\",region=\"{{region}}\",version=\"{{version}}\"";

  /**
   * The label selector of the built-in request queries in a flag release: the users on one variant
   * of the flag ({@code {{version}}} is the variant judged: the new one, or the old one as the
   * baseline), on every pod of the service.
   */
  public static final String FLAG_SELECTOR =
      "service=\"{{service}}\",region=\"{{region}}\",variant=\"{{version}}\"";

  /** The selector of the process gauges in a flag release: every pod serves both variants. */
  private static final String SERVICE_SELECTOR = "service=\"{{service}}\",region=\"{{region}}\"";

  /** Built-in queries over the usual Micrometer names; a spec may override any of them. */
  public static final List<QuerySpec> QUERIES = queries(SELECTOR, SELECTOR);

  /**
   * The built-in queries of a flag release: requests labelled by the flag's variant (the
   * application tags its request metrics with {@code variant}), CPU and memory of the whole
   * service, since one pod serves users of both variants.
   */
  public static final List<QuerySpec> FLAG_QUERIES = queries(FLAG_SELECTOR, SERVICE_SELECTOR);

  private static List<QuerySpec> queries(String requests, String gauges) {
    return List.of(
        new QuerySpec(
            ERROR_RATE,
            // Micrometer creates a version's 5xx series at its first error: until then the
            // errors are 0, not no data (the denominator still says whether there was traffic).
            "(sum(rate(http_server_requests_seconds_count{"
                + requests
                + ",status=~\"5..\"}[{{window}}])) or vector(0))"
                + " / sum(rate(http_server_requests_seconds_count{"
                + requests
                + "}[{{window}}]))",
            RATIO,
            ABOVE,
            null,
            null),
        latency(P95_LATENCY, "0.95", requests),
        latency(P99_LATENCY, "0.99", requests),
        new QuerySpec(CPU, "max(process_cpu_usage{" + gauges + "})", RATIO, ABOVE, 0.9, null),
        new QuerySpec(
            MEMORY,
            "max(sum by (instance) (jvm_memory_used_bytes{"
                + gauges
                + ",area=\"heap\"}) / sum by (instance) (jvm_memory_max_bytes{"
                + gauges
                + ",area=\"heap\"}))",
            RATIO,
            ABOVE,
            0.9,
            null),
        new QuerySpec(
            REQUEST_RATE,
            "sum(rate(http_server_requests_seconds_count{" + requests + "}[{{window}}]))",
            NUMBER,
            FailWhen.BELOW,
            null,
            null));
  }

  private static QuerySpec latency(String name, String quantile, String requests) {
    return new QuerySpec(
        name,
        "histogram_quantile("
            + quantile
            + ", sum by (le) (rate(http_server_requests_seconds_bucket{"
            + requests
            + "}[{{window}}])))",
        SECONDS,
        ABOVE,
        null,
        null);
  }

  /** The seed's five canary stages: 10/25/50/75/100% with tightening error and p95 limits. */
  public static final List<StageSpec> CANARY_STAGES =
      List.of(
          stage(10, 5, 0.010, 0.500),
          stage(25, 5, 0.008, 0.450),
          stage(50, 5, 0.005, 0.400),
          stage(75, 5, 0.003, 0.350),
          stage(100, 30, 0.002, 0.300));

  private static StageSpec stage(int weight, int holdMinutes, double errorRate, double p95) {
    return new StageSpec(
        weight,
        Duration.ofMinutes(holdMinutes),
        Map.of(ERROR_RATE, errorRate, P95_LATENCY, p95),
        false);
  }

  /**
   * The seed's thresholds for a stage at {@code weight}%: the row of that weight, or for a weight
   * between rows the next stricter one (the row of the next higher weight), so a stage that names
   * no thresholds is judged by error rate and p95 latency as the seed judges it.
   */
  public static Map<String, Double> seedThresholds(int weight) {
    return CANARY_STAGES.stream()
        .filter(s -> s.weight() >= weight)
        .findFirst()
        .orElse(CANARY_STAGES.get(CANARY_STAGES.size() - 1))
        .thresholds();
  }

  /** The thresholds that watch a region at 100%: the seed's last stage. */
  public static final Map<String, Double> FINAL_THRESHOLDS = CANARY_STAGES.get(4).thresholds();

  public static final Duration DELAY = Duration.ofMinutes(90);
  public static final Duration MIN_DELAY = Duration.ofMinutes(30);
  public static final Duration MAX_DELAY = Duration.ofHours(4);

  /** The most {@code rollout.maxDelay} may widen the delay to: two weeks. */
  public static final Duration MAX_WIDENED_DELAY = Duration.ofDays(14);

  public static final Duration SOAK = Duration.ofHours(24);

  /** How long a hook's Job may run when the spec gives no timeout. */
  public static final Duration HOOK_TIMEOUT = Duration.ofMinutes(10);

  public static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
  public static final int FAILURE_LIMIT = 1;
  public static final int INCONCLUSIVE_LIMIT = 3;
  public static final int ERROR_LIMIT = 3;
  public static final double MIN_REQUEST_RATE = 0;
  public static final Duration MAX_WINDOW = Duration.ofHours(1);

  /**
   * After every traffic shift, how long the new version is not judged: a JVM's first minute (JIT,
   * cold caches, connection pools) is not the version's behaviour. Spinnaker's canary analysis has
   * a warm-up period, Argo Rollouts an initialDelay.
   */
  public static final Duration WARMUP = Duration.ofSeconds(60);

  /**
   * The warm-up a spec gets when it says none: {@link #WARMUP} for the statistical judge, which
   * compares the new version with stable and would read a cold start as a regression; none for the
   * threshold judge, whose limits already allow for it and whose stages may be seconds long.
   */
  public static Duration warmup(JudgeKind judge) {
    return judge == JudgeKind.STATISTICAL ? WARMUP : Duration.ZERO;
  }

  /**
   * The shortest stretch after a warm-up worth judging: two scrapes at Prometheus's usual 15 s, so
   * {@code rate()} has samples. A watched time shorter than the warm-up plus this is never judged.
   */
  public static final Duration MIN_AFTER_WARMUP = Duration.ofSeconds(30);

  public static final int HEALTH_CHECK_TRIES = 30;
  public static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(10);
  public static final Duration ROLLBACK_WINDOW = Duration.ofMinutes(30);
  public static final Duration ROLLING_HOLD = Duration.ofMinutes(10);
  public static final Duration APPROVAL_TIMEOUT = Duration.ofHours(24);
}
