package io.glidepath.analysis.eval;

import java.util.List;

/** The built-in labelled scenario corpus: scenario files on the class path. */
public final class Corpus {
  private Corpus() {}

  /** Seeds per scenario in the full corpus. */
  public static final int FULL_SEEDS = 30;

  /** Seeds per scenario in the reduced corpus that runs as a test. */
  public static final int REDUCED_SEEDS = 8;

  /** The built-in scenarios, read from their files once. */
  public static final List<Scenario> SCENARIOS = ScenarioFiles.builtIn();
}
