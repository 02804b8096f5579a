package io.glidepath.model;

import java.time.Duration;
import java.util.List;

/**
 * The upper (and lower) bound of every duration and count a release spec may give, checked by
 * {@link io.glidepath.spec.SpecValidator} and listed in docs/release-spec.md ("Bounds"). They keep
 * every value meaningful and keep the workflows' time arithmetic far from overflow: the longest
 * release these bounds allow ({@link #MAX_REGIONS} regions of {@link #MAX_STAGES} stages, each at
 * the longest hold, plus every wait) is a few hundred years of milliseconds, well inside a {@code
 * long}. {@link io.glidepath.flow.Deadlines} saturates anyway.
 */
public final class Bounds {
  private Bounds() {}

  /** A stage's hold: one day per stage covers calendar stages (a stage a day for a week). */
  public static final Duration MAX_HOLD = Duration.ofDays(7);

  /** The watched soak after the last region. */
  public static final Duration MAX_SOAK = Duration.ofDays(14);

  /** How long a version must have run in the previous environment ({@code verifiedFor}). */
  public static final Duration MAX_VERIFIED_FOR = Duration.ofDays(30);

  /** How many environments a service may name. */
  public static final int MAX_ENVIRONMENTS = 10;

  /** How long a gate waits for its approvals before its timeout outcome applies. */
  public static final Duration MAX_APPROVAL_TIMEOUT = Duration.ofDays(14);

  /** Between two checks of an observation window. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public static final Duration MAX_INTERVAL = Duration.ofMinutes(30);

  /** The longest single observation window (one heartbeating activity). */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** Longest warm-up after a traffic shift. */
  public static final Duration MAX_WARMUP = Duration.ofHours(1);

  /** Blue-green: between two health checks of green. */
  public static final Duration MAX_HEALTH_CHECK_INTERVAL = Duration.ofMinutes(10);

  /** Blue-green: health checks of green before it takes traffic. */
  public static final int MAX_HEALTH_CHECK_TRIES = 1_000;

  /** Blue-green: how long blue is kept for a rollback after the switch. */
  public static final Duration MAX_ROLLBACK_WINDOW = Duration.ofDays(7);

  /** Rolling: the watched hold after the update. */
  public static final Duration MAX_ROLLING_HOLD = Duration.ofDays(7);

  /** Any consecutive-check limit: failures, inconclusive checks, errors. */
  public static final int MAX_CHECK_LIMIT = 1_000;

  /** Approvals one role may require. */
  public static final int MAX_APPROVALS = 20;

  public static final int MAX_REGIONS = 50;
  public static final int MAX_STAGES = 100;
  public static final int MAX_QUERIES = 50;
  public static final int MAX_SMOKE_CHECKS = 20;
  public static final int MAX_HOOKS = 20;
  public static final int MAX_ESCALATIONS = 5;

  /** How long a hook's Job may run (a long migration included). */
  public static final Duration MAX_HOOK_TIMEOUT = Duration.ofHours(12);

  /** Requests per second below which a check is inconclusive. */
  public static final double MAX_MIN_REQUEST_RATE = 1_000_000;

  /** How many times stable's value a compared query allows. */
  public static final double MAX_COMPARE_FACTOR = 1_000;

  /** A latency (seconds unit) threshold or floor. */
  public static final Duration MAX_LATENCY = Duration.ofHours(1);

  /** A rate (ratio unit) threshold or floor: rates run from 0 to 100%. */
  public static final double MAX_RATE = 1.0;

  /** A plain-number threshold or floor. */
  public static final double MAX_NUMBER = 1e15;

  /** A region's name: part of workflow ids and of the labels on what a release creates. */
  public static final int MAX_REGION_NAME = 40;

  /** A Kubernetes namespace or container name (an RFC 1123 label). */
  public static final int MAX_LABEL = 63;

  /** A Kubernetes Deployment name (an RFC 1123 subdomain). */
  public static final int MAX_SUBDOMAIN = 253;

  /** {@code traffic.totalReplicas} of the replica-ratio layer: pods split between the versions. */
  public static final int MIN_TOTAL_REPLICAS = 1;

  public static final int MAX_TOTAL_REPLICAS = 1_000;

  /** {@code traffic.allowlist} of the flagd layer: at most this many values. */
  public static final int MAX_ALLOWLIST = 1_000;

  /** {@code traffic.recordType} of the cloudflare-dns layer: the record kinds it can switch. */
  public static final List<String> DNS_RECORD_TYPES = List.of("A", "CNAME");

  /** A rolling update's {@code maxSurge} and {@code maxUnavailable} as a percentage. */
  public static final int MAX_ROLLING_PERCENT = 100;

  /** A rolling update's {@code maxSurge} and {@code maxUnavailable} as a pod count. */
  public static final int MAX_ROLLING_COUNT = 1_000;

  /** The longest calendar freeze; a longer one is a typo in a year, not a blackout. */
  public static final Duration MAX_FREEZE = Duration.ofDays(90);

  /** The years a freeze may fall in. */
  public static final int MIN_YEAR = 2000;

  public static final int MAX_YEAR = 2099;
}
