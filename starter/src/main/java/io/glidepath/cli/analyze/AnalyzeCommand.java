package io.glidepath.cli.analyze;

import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.MetricSourceUnavailableException;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Sandboxes;
import io.glidepath.cli.common.SpecFile;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecParser;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a spec's checks once, now, against Prometheus: a dry run before a release, and a way to
 * debug queries. Exit codes ({@link ExitCodes}): 0 nothing failed, 1 a check failed, 2 bad input
 * (an invalid spec, a query Prometheus rejects), 3 Prometheus could not judge (unreachable).
 */
@Command(
    name = "analyze",
    description = "Run a spec's metric checks once, now, and print each verdict.")
public final class AnalyzeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;

  @picocli.CommandLine.Mixin SpecFile file;

  @Option(names = "--region", description = "only this region (default: every region)")
  String region;

  @Option(
      names = "--stage",
      description = "judge with this canary stage's thresholds, 1-based (default: 1)")
  int stage = 1;

  @Option(
      names = "--version",
      description = "check this version instead of the spec's, e.g. the stable one")
  String version;

  @Option(
      names = "--stable-version",
      description =
          "the stable version the statistical judge compares with (analysis.judge: statistical)")
  String stableVersion;

  @Option(
      names = "--prometheus-url",
      description =
          "Prometheus base URL (default: $GLIDEPATH_PROMETHEUS_URL, else the dev stack's"
              + " Prometheus while its sandbox answers on $GLIDEPATH_SANDBOX_URL or "
              + Sandboxes.URL
              + ", else "
              + PrometheusSource.DEFAULT_URL
              + ")")
  String prometheusUrl;

  /** The bearer token, from the environment only so it never shows in a shell history. */
  String token = System.getenv("GLIDEPATH_PROMETHEUS_TOKEN");

  @Override
  public Integer call() {
    PrintWriter out = cli.commandLine().getOut();
    PrintWriter err = cli.commandLine().getErr();
    ReleaseSpec spec;
    try {
      spec = SpecParser.load(file.path);
    } catch (InvalidSpecException e) {
      err.println(e.getMessage());
      return ExitCodes.of(e);
    }
    Map<String, Double> thresholds = thresholds(spec);
    if (thresholds == null) {
      err.printf("--stage %d: the spec has %d stage(s)%n", stage, spec.strategy().stageCount());
      return ExitCodes.BAD_INPUT;
    }
    List<RegionSpec> regions =
        spec.regions().stream().filter(r -> region == null || r.name().equals(region)).toList();
    if (regions.isEmpty()) {
      err.printf(
          "--region %s: no such region; the spec has %s%n",
          region, String.join(", ", spec.regions().stream().map(RegionSpec::name).toList()));
      return ExitCodes.BAD_INPUT;
    }
    PrometheusSource source = PrometheusSource.resolve(prometheusUrl, System.getenv());
    out.printf("Prometheus %s (%s)%n", source.url(), source.why());
    PrometheusClient prometheus =
        new PrometheusClient(
            new PrometheusConfig(source.url(), Duration.ofSeconds(15), token, null, null, null));
    String unreachable = unreachable(prometheus);
    if (unreachable != null) {
      // One line, not one per check: nothing can be judged.
      err.println(
          "glidepath: " + unreachable + "; start it, or name the one to ask with --prometheus-url");
      return ExitCodes.UNREACHABLE;
    }
    PrometheusChecks checks = new PrometheusChecks(prometheus);
    out.printf(
        "%-10s %-14s %12s %14s  %-12s %s%n",
        "REGION", "QUERY", "VALUE", "THRESHOLD", "VERDICT", "DETAIL");
    List<Verdict> verdicts = new ArrayList<>();
    for (RegionSpec r : regions) {
      ObservationRequest request = request(spec, r, thresholds);
      CheckResult result;
      try {
        result = checks.check(request, Instant.now());
      } catch (ApplicationFailure e) {
        err.println(r.name() + ": " + e.getOriginalMessage());
        return ExitCodes.BAD_INPUT; // Prometheus rejected the query: fix the spec
      }
      for (QueryVerdict q : result.verdicts()) {
        out.printf(
            "%-10s %-14s %12s %14s  %-12s %s%n",
            r.name(),
            q.name(),
            q.value() == null ? "-" : q.unit().format(q.value()),
            q.threshold() == Double.MAX_VALUE
                ? "-"
                : (q.failWhen().name().equals("ABOVE") ? "<= " : ">= ")
                    + q.unit().format(q.threshold()),
            q.verdict().name().toLowerCase(),
            q.explanation() != null ? "" : q.detail() == null ? "" : q.detail());
        if (q.explanation() != null) {
          out.printf("%-10s   %s%n", "", q.explanation()); // the statistical judge's account
        }
      }
      verdicts.add(result.verdict());
    }
    io.glidepath.cli.slo.BudgetNow.print(spec, regions, checks, out);
    Verdict overall =
        verdicts.contains(Verdict.FAIL)
            ? Verdict.FAIL
            : verdicts.contains(Verdict.ERROR)
                ? Verdict.ERROR
                : verdicts.contains(Verdict.INCONCLUSIVE) ? Verdict.INCONCLUSIVE : Verdict.PASS;
    out.printf("%nverdict: %s%n", overall.name().toLowerCase());
    return ExitCodes.of(overall);
  }

  /** Why Prometheus cannot be reached (no connection at all), or null when it answers. */
  private static String unreachable(PrometheusClient prometheus) {
    try {
      prometheus.query("vector(1)", Instant.now());
    } catch (MetricSourceUnavailableException e) {
      if (e.getCause() instanceof java.io.IOException) {
        return e.getMessage();
      }
    } catch (ApplicationFailure refused) {
      // It answers; the checks will say what it refuses.
    }
    return null;
  }

  private Map<String, Double> thresholds(ReleaseSpec spec) {
    if (spec.strategy().type() != StrategyType.CANARY) {
      return stage == 1 ? spec.strategy().finalThresholds() : null;
    }
    List<StageSpec> stages = spec.strategy().canary().stages();
    return stage < 1 || stage > stages.size() ? null : stages.get(stage - 1).thresholds();
  }

  private ObservationRequest request(
      ReleaseSpec spec, RegionSpec r, Map<String, Double> thresholds) {
    ObservationRequest base =
        ObservationRequest.of("analyze", spec, r.name(), stableVersion, thresholds, Duration.ZERO);
    if (version == null) {
      return base;
    }
    return base.forVersion(version);
  }
}
