package io.glidepath.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glidepath.model.ApprovalGate;
import io.glidepath.model.Bounds;
import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
import io.glidepath.model.HookSpec;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.OutcomePolicy;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.SloSpec;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.status.MessageLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bounds and choices tables of docs/release-spec.md against the constants and enums the
 * validator uses: every row the doc lists is built here from those constants, and every row built
 * here is in the doc, so a bound changed on one side only fails the build.
 */
class BoundsDocTest {
  static final Path DOC = Path.of("..", "docs", "release-spec.md");

  @Test
  void theBoundsTableSaysWhatTheValidatorChecks() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("`soak`", "0s to " + d(Bounds.MAX_SOAK));
    expected.put(
        "`rollout.delay` (delayed mode)",
        d(Defaults.MIN_DELAY)
            + " to "
            + d(Defaults.MAX_DELAY)
            + ", or to `rollout.maxDelay` (the sandbox's limits: from "
            + d(SpecValidator.Limits.SANDBOX.minDelay)
            + ")");
    expected.put(
        "`rollout.maxDelay` (delayed mode only)",
        "above " + d(Defaults.MAX_DELAY) + ", at most " + d(Defaults.MAX_WIDENED_DELAY));
    expected.put(
        "`strategy.canary.stages`",
        "1 to "
            + Bounds.MAX_STAGES
            + " stages; `weight` 1 to 100%, increasing, the last 100% (a flag release with an"
            + " allowlist may start at 0%: the allowlist alone)");
    expected.put(
        "`strategy.canary.stages[].hold`",
        "above 0s, at least `analysis.interval`, at most " + d(Bounds.MAX_HOLD));
    expected.put("`strategy.blueGreen.healthCheckTries`", "1 to " + Bounds.MAX_HEALTH_CHECK_TRIES);
    expected.put(
        "`strategy.blueGreen.healthCheckInterval`",
        d(Bounds.MIN_INTERVAL) + " to " + d(Bounds.MAX_HEALTH_CHECK_INTERVAL));
    expected.put("`strategy.blueGreen.rollbackWindow`", "0s to " + d(Bounds.MAX_ROLLBACK_WINDOW));
    expected.put("`strategy.rolling.hold`", "0s to " + d(Bounds.MAX_ROLLING_HOLD));
    expected.put(
        "`strategy.rolling.maxSurge`, `maxUnavailable`",
        "0 to "
            + Bounds.MAX_ROLLING_PERCENT
            + "%, or 0 to "
            + Bounds.MAX_ROLLING_COUNT
            + " pods; not both 0");
    expected.put("`analysis.interval`", d(Bounds.MIN_INTERVAL) + " to " + d(Bounds.MAX_INTERVAL));
    expected.put("`analysis.maxWindow`", "`analysis.interval` to " + d(Bounds.MAX_WINDOW));
    expected.put("`analysis.warmup`", "0s to " + d(Bounds.MAX_WARMUP));
    expected.put(
        "`analysis.failureLimit`, `queries[].failureLimit`", "1 to " + Bounds.MAX_CHECK_LIMIT);
    expected.put(
        "`analysis.inconclusiveLimit`, `analysis.errorLimit`", "0 to " + Bounds.MAX_CHECK_LIMIT);
    expected.put(
        "`analysis.minRequestRate`",
        String.format(Locale.ROOT, "0 to %,d requests/s", (long) Bounds.MAX_MIN_REQUEST_RATE));
    expected.put("`analysis.queries`", "at most " + Bounds.MAX_QUERIES + " (built-ins included)");
    expected.put(
        "thresholds, `threshold`, `compare.floor`, `preflight.checks`",
        "rate queries 0 to "
            + MetricUnit.RATIO.format(Bounds.MAX_RATE)
            + "; latency queries 0s to "
            + d(Bounds.MAX_LATENCY)
            + "; plain numbers 0 to 10^"
            + Math.round(Math.log10(Bounds.MAX_NUMBER)));
    expected.put(
        "`compare.factor`, `queries[].maxIncrease`",
        "1 to " + MetricUnit.NUMBER.format(Bounds.MAX_COMPARE_FACTOR));
    expected.put(
        "`approval.timeout`", d(Bounds.MIN_INTERVAL) + " to " + d(Bounds.MAX_APPROVAL_TIMEOUT));
    expected.put("`approval.required.<role>`", "1 to " + Bounds.MAX_APPROVALS);
    expected.put(
        "`approval.approvers`",
        "names of letters, digits and `. _ @ + -`, at most "
            + MessageLimits.MAX_IDENTITY
            + " characters, each person once (compared trimmed and in lower case); at least"
            + " one, or `"
            + ControlReader.ANYONE
            + "`");
    expected.put(
        "`approval.escalate`",
        "at most "
            + Bounds.MAX_ESCALATIONS
            + " steps; `after` 1s to "
            + d(Bounds.MAX_APPROVAL_TIMEOUT));
    expected.put(
        "`hooks`",
        "at most "
            + Bounds.MAX_HOOKS
            + "; `job.timeout` above 0s, at most "
            + d(Bounds.MAX_HOOK_TIMEOUT));
    expected.put(
        "`regions`",
        "1 to "
            + Bounds.MAX_REGIONS
            + "; `smokeChecks` at most "
            + Bounds.MAX_SMOKE_CHECKS
            + " per region");
    expected.put("`regions[].name`", "at most " + Bounds.MAX_REGION_NAME + " characters");
    expected.put(
        "`regions[].namespace`, `deployment.container`",
        "at most " + Bounds.MAX_LABEL + " characters");
    expected.put(
        "`deployment.stable`, `deployment.canary`",
        "at most " + Bounds.MAX_SUBDOMAIN + " characters");
    expected.put(
        "`traffic.totalReplicas` (replica-ratio)",
        Bounds.MIN_TOTAL_REPLICAS + " to " + Bounds.MAX_TOTAL_REPLICAS);
    expected.put("`traffic.allowlist` (flagd)", "1 to " + Bounds.MAX_ALLOWLIST + " values");
    expected.put(
        "`schedule.windows`, `schedule.freezes`",
        "at most "
            + ScheduleRules.MAX_WINDOWS
            + " windows and "
            + ScheduleRules.MAX_FREEZES
            + " freezes");
    expected.put(
        "`schedule.freezes[].from`, `to`",
        "the years "
            + Bounds.MIN_YEAR
            + " to "
            + Bounds.MAX_YEAR
            + "; a freeze at most "
            + d(Bounds.MAX_FREEZE));
    expected.put("`slo.period`", d(SloRules.MIN_PERIOD) + " to " + d(SloRules.MAX_PERIOD));
    expected.put("`slo.minBudget`", "0% to 100% (exclusive)");
    expected.put(
        "`slo.objectives`",
        "1 to "
            + SloRules.MAX_OBJECTIVES
            + "; `objective` above 0%, below 100%; `latency` above 0s, at most "
            + d(SloRules.MAX_LATENCY));
    expected.put(
        "`slo.burnAlerts`",
        "1 to "
            + SloRules.MAX_BURN_ALERTS
            + "; `long` "
            + d(SloRules.MIN_WINDOW)
            + " to `slo.period`, `short` "
            + d(SloRules.MIN_WINDOW)
            + " to below `long`; `factor` above 0, at most "
            + SloRules.trim(SloRules.MAX_FACTOR));
    expected.put(
        "`environments`", "1 to " + Bounds.MAX_ENVIRONMENTS + "; names at most 20 characters");
    expected.put(
        "`environments[].verifiedFor`",
        "0s to " + d(Bounds.MAX_VERIFIED_FOR) + "; not on the first");
    assertEquals(expected, table("| field | range |"));
  }

  @Test
  void theChoicesTableSaysWhatTheValidatorAccepts() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("`rollout.mode`", words(YamlObject.spellings(RegionMode.class)));
    expected.put(
        "`rollout.onRegionFailure`", words(YamlObject.spellings(RegionFailurePolicy.class)));
    expected.put("`regions[].traffic.type`", words(YamlObject.spellings(TrafficRouterType.class)));
    expected.put("`regions[].traffic.recordType` (cloudflare-dns)", words(Bounds.DNS_RECORD_TYPES));
    expected.put("`strategy.canary.rollback`", words(YamlObject.spellings(RollbackMode.class)));
    expected.put("`analysis.judge`", words(YamlObject.spellings(JudgeKind.class)));
    expected.put(
        "`analysis.noData`, `analysis.onError`", words(YamlObject.spellings(OutcomePolicy.class)));
    expected.put("`analysis.queries[].unit`", words(YamlObject.spellings(MetricUnit.class)));
    expected.put("`analysis.queries[].failWhen`", words(YamlObject.spellings(FailWhen.class)));
    // stage is read (older specs name it) but refused: stage gates come from stages[].gate.
    expected.put(
        "`approval.gates`",
        words(
            YamlObject.spellings(ApprovalGate.class).stream()
                .filter(g -> !g.equals(ApprovalGate.STAGE.id()))
                .toList()));
    expected.put("`approval.onTimeout`", words(YamlObject.spellings(TimeoutOutcome.class)));
    expected.put("`hooks[].at`", words(YamlObject.spellings(HookSpec.HookPoint.class)));
    expected.put("`hooks[].onFailure`", words(YamlObject.spellings(HookSpec.HookFailure.class)));
    expected.put("`hooks[].http.method`", words(ControlRules.METHODS));
    expected.put("`slo.objectives[].kind`", words(YamlObject.spellings(SloSpec.Kind.class)));
    expected.put(
        "`slo.burnAlerts[].severity`", words(YamlObject.spellings(SloSpec.Severity.class)));
    assertEquals(expected, table("| field | one of |"));
  }

  /** The rows of the doc's table under {@code header}: first cell to second. */
  private static Map<String, String> table(String header) throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int start = lines.indexOf(header);
    if (start < 0) {
      throw new AssertionError("docs/release-spec.md has no table " + header);
    }
    Map<String, String> rows = new LinkedHashMap<>();
    for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split(" \\| ", 2);
      rows.put(cells[0].substring(1).strip(), cells[1].substring(0, cells[1].length() - 1).strip());
    }
    return rows;
  }

  private static String words(List<String> words) {
    return words.stream().map(w -> "`" + w + "`").collect(Collectors.joining(", "));
  }

  /** A bound as the doc writes it: whole days as {@code 14d}, else like {@code 30m}. */
  private static String d(Duration duration) {
    return SpecValidator.days(duration);
  }
}
