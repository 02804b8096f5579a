package io.glidepath.devstack.bench;

import io.glidepath.analysis.eval.Corpus;
import io.glidepath.analysis.eval.Evaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bench --judge [--prometheus]}: the labelled scenario corpus through every judge and the
 * per-judge table. In-process by default (the real check path on generated numbers); with {@code
 * --prometheus} through a real Prometheus holding the backfilled runs ({@link
 * BackfilledPrometheus}). Exits non-zero when the statistical judge misses issue 17's bounds.
 */
public final class JudgeBench {
  private final PrintStream out;

  public JudgeBench(PrintStream out) {
    this.out = out;
  }

  public int run(int seeds, boolean prometheus) throws IOException, InterruptedException {
    out.printf(
        "judging %d scenarios x %d seeds x %d windows (%d s each, canary weights 10-75%%)%n",
        Corpus.SCENARIOS.size(), seeds, Corpus.WEIGHTS.length, Corpus.WINDOW_SECONDS);
    if (!prometheus) {
      long started = System.nanoTime();
      List<Evaluation.Row> rows =
          Evaluation.run(
              Corpus.SCENARIOS,
              seeds,
              Evaluation.IN_PROCESS,
              r -> 1_700_000_000_000L + r * 3_600_000L);
      out.printf("judged in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return report(rows, Evaluation.IN_PROCESS);
    }
    long started = System.nanoTime();
    try (BackfilledPrometheus source = BackfilledPrometheus.load(Corpus.SCENARIOS, seeds)) {
      out.printf("written and backfilled in %.1f s%n", (System.nanoTime() - started) / 1e9);
      started = System.nanoTime();
      List<Evaluation.Row> rows =
          Evaluation.run(Corpus.SCENARIOS, seeds, source, BackfilledPrometheus::start);
      out.printf("judged in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return report(rows, source);
    }
  }

  private int report(List<Evaluation.Row> rows, Evaluation.Sources sources) {
    Evaluation.print(rows, sources, out);
    return meetsBounds(rows) ? 0 : 1;
  }

  /** Issue 17's bounds for the statistical judge. */
  static boolean meetsBounds(List<Evaluation.Row> rows) {
    Evaluation.Totals stat = totals(rows, "statistical");
    return stat.caught2() >= 0.99 * stat.regressions()
        && stat.falseRollbacks() <= 0.01 * stat.healthy()
        && stat.silentPasses() == 0;
  }

  static Evaluation.Totals totals(List<Evaluation.Row> rows, String judge) {
    return Evaluation.totals(rows).stream()
        .filter(t -> t.judge().equals(judge))
        .findFirst()
        .orElseThrow();
  }
}
