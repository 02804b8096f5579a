package io.glidepath.cli.release;

import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.QueryCheck;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.SpecFile;
import io.glidepath.model.EnvironmentSpec;
import io.glidepath.model.FailWhen;
import io.glidepath.model.Quantities;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a release spec without starting anything. */
@Command(
    name = "validate",
    description = "Check a release spec and report every problem, without starting anything.")
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;

  @picocli.CommandLine.Mixin SpecFile file;

  @Option(
      names = "--sandbox",
      description =
          "check within the sandbox's limits (the demo's short delays), not a real release's")
  boolean sandbox;

  /**
   * Each stage's checks with their limits, as the analysis will judge them: the stage's thresholds
   * (the seed's row for its weight when it names none), then every query's own threshold.
   */
  static String checks(ReleaseSpec s) {
    StringBuilder out = new StringBuilder("checks (a check fails past its limit):\n");
    StrategySpec st = s.strategy();
    switch (st.type()) {
      case CANARY -> {
        int n = 0;
        for (StageSpec stage : st.canary().stages()) {
          n++;
          out.append(
              String.format(
                  "  stage %d  %3d%%  hold %s  %s%s%n",
                  n,
                  stage.weight(),
                  Quantities.format(stage.hold()),
                  limits(s, stage.thresholds(), stage.hold()),
                  stage.gate() ? "  (after its approval gate)" : ""));
        }
      }
      case BLUE_GREEN ->
          out.append(
              String.format(
                  "  switch   100%%  watched %s  %s%n",
                  Quantities.format(st.blueGreen().rollbackWindow()),
                  limits(s, st.blueGreen().thresholds(), st.blueGreen().rollbackWindow())));
      case ROLLING ->
          out.append(
              String.format(
                  "  rolling  100%%  hold %s  %s%n",
                  Quantities.format(st.rolling().hold()),
                  limits(s, st.rolling().thresholds(), st.rolling().hold())));
    }
    return out.toString();
  }

  /** The checks of one stage, built the way the observation builds them. */
  private static String limits(ReleaseSpec s, Map<String, Double> thresholds, Duration hold) {
    List<QueryCheck> checks =
        ObservationRequest.of("validate", s, s.regions().get(0).name(), null, thresholds, hold)
            .checks();
    if (checks.isEmpty()) {
      return "no checks";
    }
    return checks.stream()
        .map(
            c ->
                c.name()
                    + (c.failWhen() == FailWhen.ABOVE ? " <= " : " >= ")
                    + (c.threshold() == Double.MAX_VALUE ? "any" : c.unit().format(c.threshold()))
                    + (c.compare() == null
                        ? ""
                        : " and <= "
                            + factor(c.compare().factor())
                            + (io.glidepath.model.FlagSettings.ofRelease(s) == null
                                ? "x stable (at least "
                                : "x the old variant (at least ")
                            + c.unit().format(c.compare().floor())
                            + ")"))
        .collect(Collectors.joining(", "));
  }

  /**
   * Who signs off at which gates, said explicitly (an open list reads "anyone may approve"), or
   * nothing when no gate waits.
   */
  static java.util.Optional<String> approvals(ReleaseSpec s) {
    List<String> gates =
        new java.util.ArrayList<>(s.approval().gates().stream().map(g -> g.id()).toList());
    if (s.strategy().canary() != null) {
      for (int i = 0; i < s.strategy().canary().stages().size(); i++) {
        if (s.strategy().canary().stages().get(i).gate()) {
          gates.add("stage " + (i + 1));
        }
      }
    }
    if (gates.isEmpty()) {
      return java.util.Optional.empty();
    }
    String who =
        s.approval().approvers().isEmpty()
            ? "anyone may approve (approvers: anyone)"
            : "only "
                + String.join(", ", new java.util.TreeSet<>(s.approval().approvers().keySet()))
                + " may approve";
    String needs =
        s.approval().required().isEmpty()
            ? "one approval"
            : s.approval().required().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(" + "));
    return java.util.Optional.of(
        "gates: "
            + String.join(", ", gates)
            + "; "
            + needs
            + " each; "
            + who
            + "; "
            + Quantities.format(s.approval().timeout())
            + " then "
            + s.approval().onTimeout().name().toLowerCase(java.util.Locale.ROOT));
  }

  private static String factor(double f) {
    return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
  }

  @Override
  public Integer call() {
    SpecValidator.Limits limits =
        sandbox ? SpecValidator.Limits.SANDBOX : SpecValidator.Limits.RELEASE;
    try {
      if (SpecParser.namesEnvironments(file.path)) {
        List<EnvironmentSpec> envs = SpecParser.loadEnvironments(file.path, limits);
        cli.commandLine()
            .getOut()
            .printf(
                "%s is valid: %s in %d environments, in order: %s%n",
                file.path,
                envs.get(0).release().service(),
                envs.size(),
                envs.stream().map(EnvironmentSpec::name).collect(Collectors.joining(" -> ")));
        for (int i = 0; i < envs.size(); i++) {
          EnvironmentSpec e = envs.get(i);
          cli.commandLine()
              .getOut()
              .printf(
                  "%nenvironment %s: %s%n",
                  e.name(),
                  i == 0
                      ? "takes any version"
                      : "takes a version once it completed in "
                          + envs.get(i - 1).name()
                          + (e.verifiedFor().isZero()
                              ? ""
                              : " and ran there healthy for " + Quantities.format(e.verifiedFor()))
                          + ", with no rollback, abort or failed verification since");
          plan(e.release(), e.name());
          cli.commandLine()
              .getOut()
              .println("checked within " + limits.describe(e.release().rollout()));
        }
        return ExitCodes.OK;
      }
      ReleaseSpec s = SpecParser.load(file.path, limits);
      plan(s, file.path.toString());
      cli.commandLine().getOut().println("checked within " + limits.describe(s.rollout()));
      return ExitCodes.OK;
    } catch (InvalidSpecException e) {
      cli.commandLine().getErr().println(e.getMessage());
      cli.commandLine()
          .getErr()
          .println(
              "checked within "
                  + (sandbox
                      ? "the sandbox's limits (--sandbox)"
                      : "a real release's limits (--sandbox checks within the sandbox's)"));
      return ExitCodes.of(e);
    }
  }

  /** What the release of {@code s} will do: its regions, mode, strategy, checks and gates. */
  private void plan(ReleaseSpec s, String name) {
    cli.commandLine()
        .getOut()
        .printf(
            "%s is valid: %s %s to %d region%s (%s, %s in %d stage%s, soak %s)%n",
            name,
            s.service(),
            s.version(),
            s.regions().size(),
            s.regions().size() == 1 ? "" : "s",
            s.rollout().mode().id()
                + (s.rollout().delay() == null ? "" : " " + Quantities.format(s.rollout().delay())),
            s.strategy().type().id(),
            s.strategy().stageCount(),
            s.strategy().stageCount() == 1 ? "" : "s",
            Quantities.format(s.soak()));
    io.glidepath.status.FlagPlan.describe(s).ifPresent(cli.commandLine().getOut()::print);
    cli.commandLine().getOut().print(checks(s));
    approvals(s).ifPresent(cli.commandLine().getOut()::println);
  }
}
