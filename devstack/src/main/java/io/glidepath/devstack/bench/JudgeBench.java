package io.glidepath.devstack.bench;

import io.glidepath.analysis.eval.Corpus;
import io.glidepath.analysis.eval.Evaluation;
import io.glidepath.analysis.eval.EvaluationReport;
import io.glidepath.analysis.eval.Scenario;
import io.glidepath.analysis.eval.ScenarioFiles;
import io.glidepath.spec.InvalidSpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench --judge [--prometheus] [--scenarios DIR] [--explain]}: a labelled scenario corpus
 * (the built-in one, or the scenario files of a directory) through every judge and the per-judge
 * table. In-process by default (the real check path on generated numbers); with {@code
 * --prometheus} through a real Prometheus holding the backfilled runs ({@link
 * BackfilledPrometheus}). Exits 1 when the statistical judge misses its bounds on the corpus, 2
 * when a scenario file is invalid.
 */
public final class JudgeBench {
  private final PrintStream out;

  public JudgeBench(PrintStream out) {
    this.out = out;
  }

  public int run(int seeds, boolean prometheus) throws IOException, InterruptedException {
    return run(seeds, prometheus, null, false);
  }

  public int run(int seeds, boolean prometheus, Path dir, boolean explain)
      throws IOException, InterruptedException {
    List<Scenario> scenarios;
    try {
      scenarios = dir == null ? Corpus.SCENARIOS : ScenarioFiles.load(dir);
    } catch (InvalidSpecException e) {
      out.println(e.getMessage());
      return 2;
    } catch (IllegalArgumentException | IOException e) {
      out.println("cannot read the scenarios: " + e.getMessage());
      return 2;
    }
    out.printf(
        "judging %d scenarios (%s) x %d seeds%n",
        scenarios.size(), dir == null ? "built-in" : dir.toString(), seeds);
    long started = System.nanoTime();
    if (!prometheus) {
      List<Evaluation.Row> rows =
          Evaluation.run(
              scenarios, seeds, Evaluation.IN_PROCESS, r -> 1_700_000_000_000L + r * 86_400_000L);
      out.printf("judged in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return report(rows, Evaluation.IN_PROCESS, explain);
    }
    try (BackfilledPrometheus source = BackfilledPrometheus.load(scenarios, seeds)) {
      out.printf("written and backfilled in %.1f s%n", (System.nanoTime() - started) / 1e9);
      started = System.nanoTime();
      List<Evaluation.Row> rows =
          Evaluation.run(scenarios, seeds, source, BackfilledPrometheus::start);
      out.printf("judged in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return report(rows, source, explain);
    }
  }

  private int report(List<Evaluation.Row> rows, Evaluation.Sources sources, boolean explain) {
    if (explain) {
      out.println("wrong runs, with each judge's verdicts window by window:");
      EvaluationReport.explain(rows, out);
      out.println();
    }
    EvaluationReport.print(rows, sources, out);
    return meetsBounds(rows) ? 0 : 1;
  }

  /** The bounds for the statistical judge. */
  static boolean meetsBounds(List<Evaluation.Row> rows) {
    return totals(rows, "statistical").meetsBounds();
  }

  static EvaluationReport.Totals totals(List<Evaluation.Row> rows, String judge) {
    return EvaluationReport.totals(rows).stream()
        .filter(t -> t.judge().equals(judge))
        .findFirst()
        .orElseThrow();
  }
}
