package io.glidepath.analysis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reduced corpus, in-process, through the real check path: the statistical judge must meet the
 * statistical judge's bounds on it (at least 99% caught within 2 windows, at most 1% of healthy
 * runs rolled back), and the table must show where the threshold judge falls short.
 */
class EvaluationTest {

  @Test
  void theStatisticalJudgeMeetsTheBoundsOnTheReducedCorpus() throws java.io.IOException {
    // -Deval.scenarios=DIR judges the scenario files of DIR instead, while writing new ones.
    String dir = System.getProperty("eval.scenarios");
    List<Evaluation.Row> rows =
        Evaluation.run(
            dir == null ? Corpus.SCENARIOS : ScenarioFiles.load(java.nio.file.Path.of(dir)),
            Integer.getInteger("eval.seeds", Corpus.REDUCED_SEEDS),
            Evaluation.IN_PROCESS,
            r -> 1_700_000_000_000L + r * 86_400_000L);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    EvaluationReport.print(
        rows, Evaluation.IN_PROCESS, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String table = buf.toString(StandardCharsets.UTF_8);
    System.out.println(table);
    if (Boolean.getBoolean("eval.explain")) {
      EvaluationReport.explain(rows, System.out);
    }
    EvaluationReport.Totals stat =
        EvaluationReport.totals(rows).stream()
            .filter(t -> t.judge().equals("statistical"))
            .findFirst()
            .orElseThrow();
    assertTrue(stat.meetsBounds(), table);
    assertEquals(0, stat.silentPasses(), table);
    assertTrue(table.contains("judge statistical: caught "), table);
  }
}
