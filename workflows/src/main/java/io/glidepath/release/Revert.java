package io.glidepath.release;

import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.RolloutPolicy;
import io.glidepath.model.ScheduleSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseResult.Baseline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The spec of a revert: the last completed release's spec with the version and image that served
 * before it ({@code ReleaseResult.before()}), its regions (or one), and its plan replaced. A revert
 * is an ordinary release of that spec: nothing in the workflows asks whether it runs one.
 *
 * <ul>
 *   <li>{@link Pace#STAGED}: canary stages 25/50/100 judged by the seed thresholds for those
 *       weights, in the release's own mode (sequential, delayed or parallel), gates and soak.
 *   <li>{@link Pace#IMMEDIATE}: every region at once (parallel, no delay, no approval gate, {@code
 *       continue} on a region's failure), each in one blue-green switch made as soon as the old
 *       version's pods are ready ({@link #IMMEDIATE_HEALTH_CHECK_TRIES} checks every {@link
 *       #IMMEDIATE_HEALTH_CHECK_INTERVAL}), watched for {@link #IMMEDIATE_WATCH} with the final
 *       thresholds, then promoted as stable; no soak, so the release ends with the promotions.
 *   <li>{@link Pace#IMMEDIATE_PROMOTED_AT_ONCE}: the same, promoted right after the switch.
 * </ul>
 *
 * Everything else (traffic, analysis, approvers, notifications, the environment) stays as the
 * release had it, and the result is validated like any spec. A revert of a release into an
 * environment goes through the service's environment ledger ({@code
 * io.glidepath.environment.EnvironmentLedgerWorkflow#revert}), which records it.
 */
public final class Revert {
  /** The stages of a gradual revert: fewer than a release's, each judged by its seed row. */
  public static final List<Integer> WEIGHTS = List.of(25, 50, 100);

  /**
   * An immediate revert checks the old version's new pods this often before traffic moves: the
   * switch follows readiness within this long.
   */
  public static final Duration IMMEDIATE_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(2);

  /** ... and this many times: 5 minutes, the seed's blue-green budget (30 x 10s). */
  public static final int IMMEDIATE_HEALTH_CHECK_TRIES = 150;

  /**
   * How long an immediate revert watches a region at 100% on the old version before promoting it
   * (the blue-green rollback window of the revert), unless it promotes at once.
   */
  public static final Duration IMMEDIATE_WATCH = Duration.ofMinutes(1);

  /** How a revert moves traffic back. */
  public enum Pace {
    /** Canary 25/50/100 in the release's mode. */
    STAGED,
    /** Every region at once, one switch each, watched {@link #IMMEDIATE_WATCH}, then promoted. */
    IMMEDIATE,
    /** Every region at once, one switch each, promoted right after the switch. */
    IMMEDIATE_PROMOTED_AT_ONCE;

    public boolean immediate() {
      return this != STAGED;
    }
  }

  private Revert() {}

  /**
   * The revert of {@code last} (whose release ended with {@code before}) in {@code region}, or
   * every region when it is null.
   *
   * @throws IllegalArgumentException when there is nothing to go back to, the region is unknown, or
   *     the regions served different versions before (and no region was named)
   */
  public static ReleaseSpec spec(
      ReleaseSpec last, Map<String, Baseline> before, String region, Pace pace) {
    String release = last.releaseWorkflowId() + " (" + last.version() + ")";
    if (before.isEmpty()) {
      throw new IllegalArgumentException(
          release
              + " recorded no version that served before it (it predates the record); start a"
              + " release of that version with glidepath release start --version");
    }
    List<RegionSpec> regions =
        region == null
            ? last.regions()
            : last.regions().stream().filter(r -> r.name().equals(region)).toList();
    if (regions.isEmpty()) {
      throw new IllegalArgumentException(
          "--region: "
              + last.releaseWorkflowId()
              + " has no region "
              + region
              + "; its regions are "
              + last.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", ")));
    }
    Map<String, Baseline> served = new TreeMap<>();
    for (RegionSpec r : regions) {
      Baseline b = before.get(r.name());
      if (b == null || b.version() == null || b.image() == null) {
        throw new IllegalArgumentException(
            release
                + " recorded nothing that served "
                + r.name()
                + " before it; nothing to revert");
      }
      served.put(r.name(), b);
    }
    if (served.values().stream().map(Baseline::version).distinct().count() > 1) {
      throw new IllegalArgumentException(
          "the regions served different versions before "
              + release
              + ": "
              + served.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue().version())
                  .collect(Collectors.joining(", "))
              + "; revert one region at a time with --region");
    }
    Baseline b = served.values().iterator().next();
    boolean now = pace.immediate();
    return new ReleaseSpec(
        last.service(),
        b.version(),
        b.image(),
        regions,
        rollout(last.rollout(), now, regions.size()),
        now ? oneSwitch(last.strategy(), pace) : gradual(last.strategy()),
        last.analysis(),
        now ? withoutGates(last.approval()) : last.approval(),
        now ? Duration.ZERO : last.soak(),
        last.notifications(),
        // A revert is a rollback: no hooks of the release it reverts (a migration's undo is the
        // operator's call), no metric preflight (the stable it leaves may be the bad one), and no
        // deploy window or freeze holds it up.
        List.of(),
        Map.of(),
        ScheduleSpec.ALWAYS,
        // Nor does the error budget: a revert is what stops the spending.
        null,
        // The environment it ran in: cards name it, and its ledger records the revert.
        last.environment());
  }

  /** Canary 25/50/100 with the seed's holds and thresholds; the release's rollback mode. */
  static StrategySpec gradual(StrategySpec last) {
    RollbackMode rollback =
        last.type() == StrategyType.CANARY ? last.canary().rollback() : RollbackMode.IMMEDIATE;
    List<StageSpec> stages =
        WEIGHTS.stream()
            .map(
                w ->
                    new StageSpec(
                        w,
                        w == 100 ? Duration.ofMinutes(30) : Duration.ofMinutes(5),
                        Defaults.seedThresholds(w),
                        false))
            .toList();
    return new StrategySpec(StrategyType.CANARY, new CanarySpec(stages, rollback), null, null);
  }

  /**
   * One blue-green switch as soon as the pods are ready, watched briefly (or not at all) before
   * promotion, judged by the release's final thresholds.
   */
  static StrategySpec oneSwitch(StrategySpec last, Pace pace) {
    BlueGreenSpec bg =
        new BlueGreenSpec(
            IMMEDIATE_HEALTH_CHECK_TRIES,
            IMMEDIATE_HEALTH_CHECK_INTERVAL,
            pace == Pace.IMMEDIATE_PROMOTED_AT_ONCE ? Duration.ZERO : IMMEDIATE_WATCH,
            last.finalThresholds());
    return new StrategySpec(StrategyType.BLUE_GREEN, null, bg, null);
  }

  /**
   * An immediate revert: parallel, no delay, no region waiting for another; a staged one keeps the
   * release's own mode. With one region (a revert of one region) there is no other region to go on
   * or halt, so the policy is the default.
   */
  private static RolloutPolicy rollout(RolloutPolicy last, boolean immediate, int regions) {
    RegionFailurePolicy onFailure =
        regions == 1 ? RegionFailurePolicy.HALT : immediate ? RegionFailurePolicy.CONTINUE : null;
    if (immediate) {
      return new RolloutPolicy(RegionMode.PARALLEL, null, onFailure, null);
    }
    return regions == 1
        ? new RolloutPolicy(last.mode(), last.delay(), onFailure, last.maxDelay())
        : last;
  }

  /**
   * Nothing waits for an approval (rollbacks never wait), so nothing only a gate uses stays: the
   * release's required approvals, approvers, timeout and escalation would make the revert's spec
   * invalid ("has no effect: no gate waits for approval").
   */
  private static ApprovalPolicy withoutGates(ApprovalPolicy p) {
    return new ApprovalPolicy(
        List.of(), Map.of(), Map.of(), Defaults.APPROVAL_TIMEOUT, TimeoutOutcome.ABORT, List.of());
  }

  /** One line saying how {@code revert} (built by {@link #spec}) moves, for the CLI's plan. */
  public static String plan(ReleaseSpec revert) {
    String regions = revert.regions().stream().map(RegionSpec::name).collect(joining());
    if (revert.strategy().type() == StrategyType.BLUE_GREEN) {
      BlueGreenSpec bg = revert.strategy().blueGreen();
      return "immediate: "
          + (revert.regions().size() == 1 ? regions : "every region at once (" + regions + ")")
          + ", no delay between regions, no approval gate; each switches 100% to "
          + revert.version()
          + " as soon as its pods are ready (checked every "
          + Quantities.format(bg.healthCheckInterval())
          + "), "
          + (bg.rollbackWindow().isZero()
              ? "then is promoted as stable at once"
              : "is watched "
                  + Quantities.format(bg.rollbackWindow())
                  + ", then promoted as stable")
          + "; no soak: the revert ends with the promotions";
    }
    RolloutPolicy r = revert.rollout();
    return "staged: canary "
        + revert.strategy().canary().stages().stream()
            .map(s -> String.valueOf(s.weight()))
            .collect(Collectors.joining("/"))
        + " in "
        + regions
        + ", "
        + r.mode().name().toLowerCase(java.util.Locale.ROOT)
        + (r.mode() == RegionMode.DELAYED ? " (" + Quantities.format(r.delay()) + " between)" : "")
        + ", soak "
        + Quantities.format(revert.soak());
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  private static final Set<RegionPhase> PROMOTED =
      Set.of(
          RegionPhase.PROMOTING,
          RegionPhase.WATCHING,
          RegionPhase.FINALIZING,
          RegionPhase.COMPLETED);

  /**
   * Whether {@code region} serves the release's version with all its traffic: switched to 100%, or
   * promoted (then the stable backend runs it).
   */
  public static boolean serves(RegionStatus region) {
    return region.weight() == 100 || PROMOTED.contains(region.phase());
  }
}
