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

  /**
   * How one judge did on one scenario. {@code early} counts regressions rolled back before they
   * started (false rollbacks); {@code wrong} holds the explanation of every wrong run.
   */
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
      int judgedWindows,
      int early,
      Map<String, Integer> inconclusiveRules,
      List<String> wrong) {}

  private static final class Acc {
    final int[] a = new int[9];
    final Map<String, Integer> rules = new java.util.TreeMap<>();
    final List<String> wrong = new ArrayList<>();
  }

  /** Runs {@code scenarios} with {@code seeds} seeds each, run {@code r} starting at start(r). */
  public static List<Row> run(
      List<Scenario> scenarios,
      int seeds,
      Sources sources,
      java.util.function.IntToLongFunction start) {
    List<Row> rows = new ArrayList<>();
    Map<String, ReleaseSpec> specs = new LinkedHashMap<>();
    int runIndex = 0;
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      Map<Judge, Acc> acc = new LinkedHashMap<>();
      JUDGES.forEach(j -> acc.put(j, new Acc()));
      for (int seed = 1; seed <= seeds; seed++) {
        Traffic.Window[] windows = Traffic.generate(s, seed);
        long startMillis = start.applyAsLong(runIndex++);
        MetricSource source = sources.source(s, seed, windows, startMillis);
        for (Judge j : JUDGES) {
          ReleaseSpec spec =
              specs.computeIfAbsent(
                  j.name() + " " + s.windowSeconds(), k -> spec(j, s.windowSeconds()));
          judgeRun(j, spec, s, seed, region(i, seed), windows, source, startMillis, acc.get(j));
        }
      }
      for (Judge j : JUDGES) {
        Acc c = acc.get(j);
        int[] a = c.a;
        rows.add(
            new Row(
                j.name(),
                s,
                seeds,
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                a[5],
                a[6],
                a[7],
                a[8],
                Map.copyOf(c.rules),
                List.copyOf(c.wrong)));
      }
    }
    return rows;
  }

  private static void judgeRun(
      Judge judge,
      ReleaseSpec spec,
      Scenario s,
      int seed,
      String region,
      Traffic.Window[] windows,
      MetricSource source,
      long startMillis,
      Acc acc) {
    int[] a = acc.a;
    Checks checks = new Checks(source);
    WindowTally tally = WindowTally.start();
    int decidedAt = -1;
    List<String> trace = new ArrayList<>();
    String silent = null;
    for (int w = 0; w < windows.length; w++) {
      ObservationRequest request =
          ObservationRequest.of(
                  "eval",
                  spec,
                  region,
                  STABLE,
                  thresholds(windows[w].weight()),
                  Duration.ofSeconds(s.windowSeconds()))
              .shiftedAt(startMillis + s.shiftBefore(w) * 1000L);
      CheckResult check = checks.check(request, ScenarioSource.at(startMillis, s, w));
      Verdict v = check.verdict();
      boolean dataMissing = !windows[w].canary().present() || !windows[w].stable().present();
      boolean undecidable =
          s.label() == Scenario.Label.UNDECIDABLE && s.end(w) > s.regressionStart();
      if (dataMissing || undecidable) {
        a[5]++;
        if (v == Verdict.PASS) {
          a[4]++;
          silent =
              dataMissing
                  ? "passed window " + w + " without a side's data"
                  : "passed window " + w + " of an undecidable regression";
        }
      }
      if (!dataMissing) {
        a[7]++;
        if (v == Verdict.INCONCLUSIVE) {
          a[6]++; // the data was there, yet the judge could not tell
          check.verdicts().stream()
              .filter(q -> q.verdict() == Verdict.INCONCLUSIVE)
              .map(q -> q.explanation() != null ? q.detail() : "no data or traffic")
              .distinct()
              .forEach(r -> acc.rules.merge(r, 1, Integer::sum));
        }
      }
      trace.add(describe(s, windows, w, check));
      tally = tally.add(check, request);
      if (tally.done() && tally.decided() == Verdict.FAIL) {
        decidedAt = w;
        break;
      }
    }
    String wrong = null;
    if (decidedAt >= 0) {
      a[2]++;
      if (s.label() == Scenario.Label.REGRESSION) {
        if (s.end(decidedAt) <= s.regressionStart()) {
          a[8]++;
          wrong = "rolled back at window " + decidedAt + ", before the regression started";
        } else {
          int onset = s.onsetWindow();
          if (decidedAt <= onset) {
            a[0]++;
          }
          if (decidedAt <= onset + 1) {
            a[1]++;
          } else {
            wrong = "caught late, at window " + decidedAt + " (onset " + onset + ")";
          }
          a[3] += Math.max(1, decidedAt - onset + 1);
        }
      } else if (s.label() != Scenario.Label.UNDECIDABLE) {
        wrong = "healthy, rolled back at window " + decidedAt;
      }
    } else if (s.label() == Scenario.Label.REGRESSION) {
      wrong = "regression never rolled back";
    }
    if (silent != null) {
      wrong = (wrong == null ? "" : wrong + "; ") + silent + " (a silent pass)";
    }
    if (wrong != null) {
      acc.wrong.add(
          judge.name()
              + " | "
              + s.name()
              + " | seed "
              + seed
              + ": "
              + wrong
              + "\n"
              + String.join("\n", trace));
    }
  }

  private static String describe(Scenario s, Traffic.Window[] windows, int w, CheckResult check) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  window %d (%d-%d s, %d%%%s%s): %s",
                w,
                windows[w].start(),
                windows[w].end(),
                windows[w].weight(),
                windows[w].canary().present() ? "" : ", new version's scrape gone",
                windows[w].stable().present() ? "" : ", stable's scrape gone",
                check.verdict().name().toLowerCase(Locale.ROOT)));
    check
        .verdicts()
        .forEach(
            q ->
                b.append("\n    ")
                    .append(q.explanation() != null ? "[" + q.detail() + "] " : "")
                    .append(q.describe()));
    return b.toString();
  }

  /** The seed stage's thresholds at {@code weight}: the first stage at or above it. */
  private static Map<String, Double> thresholds(int weight) {
    StageSpec last = null;
    for (StageSpec st : Defaults.CANARY_STAGES) {
      last = st;
      if (st.weight() >= weight) {
        return st.thresholds();
      }
    }
    return last.thresholds();
  }

  /** The judge's spec for windows of {@code windowSeconds}: a check interval of a third of it. */
  static ReleaseSpec spec(Judge j, int windowSeconds) {
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
                j.analysis()
                    .replace("40s", Math.max(1, windowSeconds / 3) + "s")
                    .replace("}", ", inconclusiveLimit: 1000, errorLimit: 1000}")),
        "eval-" + j.name());
  }
}
