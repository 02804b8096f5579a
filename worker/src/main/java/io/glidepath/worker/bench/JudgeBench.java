package io.glidepath.worker.bench;

import io.glidepath.analysis.eval.Corpus;
import io.glidepath.analysis.eval.Evaluation;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bench --judge}: the labelled scenario corpus through every judge, in-process through the
 * real check path ({@link io.glidepath.analysis.Checks}, spec parser, window policy), and the
 * per-judge table. Exits non-zero when the statistical judge misses issue 17's bounds.
 */
public final class JudgeBench {
  private final PrintStream out;

  public JudgeBench(PrintStream out) {
    this.out = out;
  }

  public int run(int seeds) {
    long started = System.nanoTime();
    out.printf(
        "judging %d scenarios x %d seeds x %d windows (%d s each, canary weights 10-75%%), "
            + "in-process source on generated counts and buckets%n",
        Corpus.SCENARIOS.size(), seeds, Corpus.WEIGHTS.length, Corpus.WINDOW_SECONDS);
    List<Evaluation.Row> rows =
        Evaluation.run(
            Corpus.SCENARIOS,
            seeds,
            Evaluation.IN_PROCESS,
            r -> 1_700_000_000_000L + r * 3_600_000L);
    out.printf("took %.1f s%n", (System.nanoTime() - started) / 1e9);
    Evaluation.print(rows, out);
    Evaluation.Totals stat =
        Evaluation.totals(rows).stream()
            .filter(t -> t.judge().equals("statistical"))
            .findFirst()
            .orElseThrow();
    boolean met =
        stat.caught2() >= 0.99 * stat.regressions()
            && stat.falseRollbacks() <= 0.01 * stat.healthy()
            && stat.silentPasses() == 0;
    return met ? 0 : 1;
  }
}
