package io.glidepath.cli;

import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.ScheduleSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.status.ReleaseResult.Baseline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The spec of a revert: the last completed release's spec with the version and image that served
 * before it ({@code ReleaseResult.before()}), its regions (or one), and the strategy replaced:
 * canary stages 25/50/100 judged by the seed thresholds for those weights, or with {@code
 * immediate} one blue-green switch. Everything else (traffic, analysis, approvals, rollout, soak,
 * notifications) stays as the release had it, and the result is validated like any spec.
 */
final class Revert {
  /** The stages of a gradual revert: fewer than a release's, each judged by its seed row. */
  static final List<Integer> WEIGHTS = List.of(25, 50, 100);

  private Revert() {}

  /**
   * The revert of {@code last} (whose release ended with {@code before}) in {@code region}, or
   * every region when it is null.
   *
   * @throws IllegalArgumentException when there is nothing to go back to, or the regions served
   *     different versions before (and no region was named)
   */
  static ReleaseSpec spec(
      ReleaseSpec last, Map<String, Baseline> before, String region, boolean immediate) {
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
      OnRelease.requireRegion(last, "--region", region);
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
    return new ReleaseSpec(
        last.service(),
        b.version(),
        b.image(),
        regions,
        last.rollout(),
        immediate ? oneSwitch(last.strategy()) : gradual(last.strategy()),
        last.analysis(),
        last.approval(),
        last.soak(),
        last.notifications(),
        // A revert is a rollback: no hooks of the release it reverts (a migration's undo is the
        // operator's call), no metric preflight (the stable it leaves may be the bad one), and no
        // deploy window or freeze holds it up.
        List.of(),
        Map.of(),
        ScheduleSpec.ALWAYS);
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

  /** One blue-green switch: the release's own blue-green settings, else the defaults. */
  static StrategySpec oneSwitch(StrategySpec last) {
    BlueGreenSpec bg =
        last.type() == StrategyType.BLUE_GREEN
            ? last.blueGreen()
            : new BlueGreenSpec(
                Defaults.HEALTH_CHECK_TRIES,
                Defaults.HEALTH_CHECK_INTERVAL,
                Defaults.ROLLBACK_WINDOW,
                Defaults.FINAL_THRESHOLDS);
    return new StrategySpec(StrategyType.BLUE_GREEN, null, bg, null);
  }
}
