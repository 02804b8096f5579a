package io.glidepath.analysis.eval;

import static io.glidepath.analysis.eval.Evaluation.JUDGES;

import io.glidepath.analysis.eval.Evaluation.Judge;
import io.glidepath.analysis.eval.Evaluation.Row;
import io.glidepath.analysis.eval.Evaluation.Sources;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation's report: totals per judge, the table with the last lines that the bound checks
 * read, and every wrong run explained with the judge's own words.
 */
public final class EvaluationReport {
  private EvaluationReport() {}

  /**
   * Per judge: regressions and those caught within 2 windows of their start, healthy runs and those
   * rolled back (with regressions rolled back before they started), silent passes, and the
   * inconclusive windows that had both sides' data, by the rule that made them so.
   */
  public record Totals(
      String judge,
      int regressions,
      int caught1,
      int caught2,
      int healthy,
      int falseRollbacks,
      int silentPasses,
      int missingWindows,
      int inconclusive,
      int judgedWindows,
      Map<String, Integer> inconclusiveRules) {
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
          + silentPasses
          + ", inconclusive windows with data "
          + inconclusive
          + " of "
          + judgedWindows
          + (inconclusiveRules.isEmpty() ? "" : " " + inconclusiveRules);
    }

    /** The bounds: >= 99% caught within 2 windows, <= 1% healthy rolled back, 0 silent passes. */
    public boolean meetsBounds() {
      return caught2 >= 0.99 * regressions && falseRollbacks <= 0.01 * healthy && silentPasses == 0;
    }
  }

  public static List<Totals> totals(List<Row> rows) {
    List<Totals> out = new ArrayList<>();
    for (Judge j : JUDGES) {
      int reg = 0,
          c1 = 0,
          c2 = 0,
          healthy = 0,
          fr = 0,
          silent = 0,
          missing = 0,
          inc = 0,
          judged = 0;
      Map<String, Integer> rules = new java.util.TreeMap<>();
      for (Row r : rows) {
        if (!r.judge().equals(j.name())) {
          continue;
        }
        silent += r.silentPasses();
        missing += r.missingWindows();
        inc += r.inconclusive();
        judged += r.judgedWindows();
        r.inconclusiveRules().forEach((k, v) -> rules.merge(k, v, Integer::sum));
        switch (r.scenario().label()) {
          case REGRESSION -> {
            reg += r.runs();
            c1 += r.caught1();
            c2 += r.caught2();
            fr += r.early(); // rolled back before it started: a false rollback, not a catch
            healthy += r.early();
          }
          case HEALTHY, MISSING_DATA -> {
            // A missing-data run is healthy traffic whose scrape is gone: no rollback is right.
            healthy += r.runs();
            fr += r.rolledBack();
          }
          case UNDECIDABLE -> {}
        }
      }
      out.add(new Totals(j.name(), reg, c1, c2, healthy, fr, silent, missing, inc, judged, rules));
    }
    return out;
  }

  /** Prints where the figures come from, the per-judge, per-scenario table and the last lines. */
  public static void print(List<Row> rows, Sources sources, PrintStream out) {
    out.println("source: " + sources.describe());
    out.printf(
        Locale.ROOT,
        "%-13s %-48s %5s %9s %9s %11s %11s %8s %9s%n",
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
        int caught = r.rolledBack() - r.early();
        out.printf(
            Locale.ROOT,
            "%-13s %-48s %5d %9s %9s %11s %11s %8s %9s%n",
            r.judge(),
            r.scenario().name(),
            r.runs(),
            reg ? Integer.toString(r.caught1()) : "-",
            reg ? Integer.toString(r.caught2()) : "-",
            reg ? (r.early() > 0 ? r.early() + " early" : "-") : Integer.toString(r.rolledBack()),
            reg && caught > 0
                ? String.format(Locale.ROOT, "%.2f", (double) r.detectWindowsSum() / caught)
                : "-",
            r.missingWindows() > 0 ? r.silentPasses() + "/" + r.missingWindows() : "-",
            r.inconclusive() + "/" + r.judgedWindows());
      }
    }
    for (Totals t : totals(rows)) {
      out.println(t.line());
    }
  }

  /** Prints every wrong run of every judge with the judge's own verdict text, window by window. */
  public static void explain(List<Row> rows, PrintStream out) {
    for (Row r : rows) {
      r.wrong().forEach(out::println);
    }
  }
}
