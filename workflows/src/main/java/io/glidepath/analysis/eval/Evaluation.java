package io.glidepath.analysis.eval;

import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.Checks;
import io.glidepath.analysis.MetricSource;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowTally;
import io.glidepath.model.Defaults;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.spec.SpecParser;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation harness: every scenario of a corpus, for every seed, through each judge's real
 * check path ({@link Checks} on a {@link MetricSource}, the spec parser, {@link
 * ObservationRequest#of}, the {@link WindowTally} policy), one check at the end of each window. The
 * numbers come from {@link Sources}: {@link #IN_PROCESS}, or a real Prometheus holding the runs
 * backfilled from {@link OpenMetrics} (the worker's {@code bench --judge --prometheus}).
 */
public final class Evaluation {
  public static final String CANARY = "2.0.0";
  public static final String STABLE = "1.0.0";

  /** The service of every run (the spec's {@code service:}). */
  public static final String SERVICE = "eval";

  /** A judge under test: a name and the {@code analysis:} block of its spec. */
  public record Judge(String name, String analysis) {}

  public static final List<Judge> JUDGES =
      List.of(
          new Judge("threshold-f1", "{interval: 40s, failureLimit: 1}"),
          new Judge("threshold-f2", "{interval: 40s, failureLimit: 2}"),
          new Judge("statistical", "{interval: 40s, judge: statistical}"));

  /** Where the numbers of one run come from: in-process, or a Prometheus holding them. */
  public interface Sources {
    MetricSource source(Scenario scenario, int seed, Traffic.Window[] windows, long startMillis);

    /** What the table says the figures came from. */
    String describe();
  }

  /** The in-process source. */
  public static final Sources IN_PROCESS =
      new Sources() {
        @Override
        public MetricSource source(
            Scenario scenario, int seed, Traffic.Window[] windows, long startMillis) {
          return new ScenarioSource(windows, CANARY, startMillis);
        }

        @Override
        public String describe() {
          return "in-process (ScenarioSource answers the rendered PromQL from the generated counts)";
        }
      };

  /**
   * The {@code region} label of run {@code seed} of the {@code scenario}-th scenario: each run is
   * its own region, so many runs share one Prometheus and every query selects one run.
   */
  public static String region(int scenario, int seed) {
    return "s" + scenario + "-" + seed;
  }

  /** How one judge did on one scenario. */
  public record Row(
      String judge,
      Scenario scenario,
      int runs,
      int caught1,
      int caught2,
      int rolledBack,
      int detectWindowsSum,
      int silentPasses,
      int missingWindows,
      int inconclusive,
      int judgedWindows) {}

  /** Runs {@code scenarios} with {@code seeds} seeds each, run {@code r} starting at start(r). */
  public static List<Row> run(
      List<Scenario> scenarios,
      int seeds,
      Sources sources,
      java.util.function.IntToLongFunction start) {
    List<Row> rows = new ArrayList<>();
    Map<Judge, ReleaseSpec> specs = new LinkedHashMap<>();
    JUDGES.forEach(j -> specs.put(j, spec(j)));
    int runIndex = 0;
    Map<String, int[]> acc = new LinkedHashMap<>();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      for (int seed = 1; seed <= seeds; seed++) {
        Traffic.Window[] windows = Traffic.generate(s, seed);
        long startMillis = start.applyAsLong(runIndex++);
        MetricSource source = sources.source(s, seed, windows, startMillis);
        for (Judge j : JUDGES) {
          int[] a = acc.computeIfAbsent(j.name() + "\u0000" + s.name(), k -> new int[8]);
          judgeRun(specs.get(j), s, region(i, seed), windows, source, startMillis, a);
        }
      }
      for (Judge j : JUDGES) {
        int[] a = acc.get(j.name() + "\u0000" + s.name());
        rows.add(new Row(j.name(), s, seeds, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]));
      }
    }
    return rows;
  }

  private static void judgeRun(
      ReleaseSpec spec,
      Scenario s,
      String region,
      Traffic.Window[] windows,
      MetricSource source,
      long startMillis,
      int[] a) {
    Checks checks = new Checks(source);
    WindowTally tally = WindowTally.start();
    int decidedAt = -1;
    for (int w = 0; w < windows.length; w++) {
      ObservationRequest request =
          ObservationRequest.of(
              "eval",
              spec,
              region,
              STABLE,
              thresholds(windows[w].weight()),
              Duration.ofSeconds(Corpus.WINDOW_SECONDS));
      CheckResult check = checks.check(request, ScenarioSource.at(startMillis, w));
      if (!windows[w].canary().present()) {
        a[5]++;
        if (check.verdict() == Verdict.PASS) {
          a[4]++;
        }
      } else {
        a[7]++;
        if (check.verdict() == Verdict.INCONCLUSIVE) {
          a[6]++; // the data was there, yet the judge could not tell
        }
      }
      tally = tally.add(check, request);
      if (tally.done() && tally.decided() == Verdict.FAIL) {
        decidedAt = w;
        break;
      }
    }
    if (decidedAt >= 0) {
      a[2]++;
      if (s.label() == Scenario.Label.REGRESSION) {
        if (decidedAt <= s.onset()) {
          a[0]++;
        }
        if (decidedAt <= s.onset() + 1) {
          a[1]++;
        }
        a[3] += Math.max(1, decidedAt - s.onset() + 1);
      }
    }
  }

  private static Map<String, Double> thresholds(int weight) {
    for (StageSpec st : Defaults.CANARY_STAGES) {
      if (st.weight() == weight) {
        return st.thresholds();
      }
    }
    throw new IllegalArgumentException("no seed stage at " + weight + "%");
  }

  static ReleaseSpec spec(Judge j) {
    return SpecParser.parse(
        """
        service: eval
        version: %s
        image: ghcr.io/acme/eval:%s
        regions:
          - {name: r1, cluster: eval, namespace: eval, deployment: {stable: eval},
             traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
        analysis: %s
        """
            .formatted(
                CANARY,
                CANARY,
                j.analysis().replace("}", ", inconclusiveLimit: 1000, errorLimit: 1000}")),
        "eval-" + j.name());
  }

  /** Per judge: regressions, caught within 2 windows, healthy runs, rolled back, silent passes. */
  public record Totals(
      String judge,
      int regressions,
      int caught1,
      int caught2,
      int healthy,
      int falseRollbacks,
      int silentPasses,
      int missingWindows) {
    public String line() {
      return "judge "
          + judge
          + ": caught "
          + caught2
          + " of "
          + regressions
          + " regressions within 2 windows, false rollbacks "
          + falseRollbacks
          + " of "
          + healthy
          + " healthy, silent passes "
          + silentPasses;
    }
  }

  public static List<Totals> totals(List<Row> rows) {
    List<Totals> out = new ArrayList<>();
    for (Judge j : JUDGES) {
      int reg = 0, c1 = 0, c2 = 0, healthy = 0, fr = 0, silent = 0, missing = 0;
      for (Row r : rows) {
        if (!r.judge().equals(j.name())) {
          continue;
        }
        silent += r.silentPasses();
        missing += r.missingWindows();
        switch (r.scenario().label()) {
          case REGRESSION -> {
            reg += r.runs();
            c1 += r.caught1();
            c2 += r.caught2();
          }
          case HEALTHY, MISSING_DATA -> {
            // A missing-data run is healthy traffic whose scrape is gone: no rollback is right.
            healthy += r.runs();
            fr += r.rolledBack();
          }
        }
      }
      out.add(new Totals(j.name(), reg, c1, c2, healthy, fr, silent, missing));
    }
    return out;
  }

  /** Prints where the figures come from, the per-judge, per-scenario table and the last lines. */
  public static void print(List<Row> rows, Sources sources, PrintStream out) {
    out.println("source: " + sources.describe());
    out.printf(
        Locale.ROOT,
        "%-13s %-36s %5s %9s %9s %11s %11s %8s %9s%n",
        "judge",
        "scenario",
        "runs",
        "caught<=1",
        "caught<=2",
        "rolled back",
        "detect (w)",
        "silent",
        "inconcl.");
    for (Judge j : JUDGES) {
      for (Row r : rows) {
        if (!r.judge().equals(j.name())) {
          continue;
        }
        boolean reg = r.scenario().label() == Scenario.Label.REGRESSION;
        out.printf(
            Locale.ROOT,
            "%-13s %-36s %5d %9s %9s %11s %11s %8s %9s%n",
            r.judge(),
            r.scenario().name(),
            r.runs(),
            reg ? Integer.toString(r.caught1()) : "-",
            reg ? Integer.toString(r.caught2()) : "-",
            reg ? "-" : Integer.toString(r.rolledBack()),
            reg && r.rolledBack() > 0
                ? String.format(Locale.ROOT, "%.2f", (double) r.detectWindowsSum() / r.rolledBack())
                : "-",
            r.missingWindows() > 0 ? r.silentPasses() + "/" + r.missingWindows() : "-",
            r.inconclusive() + "/" + r.judgedWindows());
      }
    }
    for (Totals t : totals(rows)) {
      out.println(t.line());
    }
  }
}
