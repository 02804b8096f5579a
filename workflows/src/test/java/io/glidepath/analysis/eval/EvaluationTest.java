package io.glidepath.analysis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reduced corpus, in-process, through the real check path: the statistical judge must meet
 * issue 17's bounds on it, and the table must show where the threshold judge falls short.
 */
class EvaluationTest {

  @Test
  void theStatisticalJudgeMeetsTheBoundsOnTheReducedCorpus() {
    List<Evaluation.Row> rows =
        Evaluation.run(
            Corpus.SCENARIOS,
            Integer.getInteger("eval.seeds", Corpus.REDUCED_SEEDS),
            Evaluation.IN_PROCESS,
            r -> 1_700_000_000_000L + r * 86_400_000L);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Evaluation.print(
        rows, Evaluation.IN_PROCESS, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String table = buf.toString(StandardCharsets.UTF_8);
    System.out.println(table);
    Evaluation.Totals stat =
        Evaluation.totals(rows).stream()
            .filter(t -> t.judge().equals("statistical"))
            .findFirst()
            .orElseThrow();
    assertTrue(stat.meetsBounds(), table);
    assertEquals(0, stat.silentPasses(), table);
    assertTrue(table.contains("judge statistical: caught "), table);
  }
}
