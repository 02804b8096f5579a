package io.glidepath.analysis.eval;

import java.util.List;

/** The labelled scenario corpus of issue 17. */
public final class Corpus {
  private Corpus() {}

  /** The canary weight of each judged window: two windows per stage, 10% to 75%. */
  public static final int[] WEIGHTS = {10, 10, 25, 25, 50, 50, 75, 75};

  /** Seconds of traffic per judged window (the rate window of a 40 s check interval). */
  public static final int WINDOW_SECONDS = 120;

  /** Seeds per scenario in the full corpus. */
  public static final int FULL_SEEDS = 30;

  /** Seeds per scenario in the reduced corpus that runs as a test. */
  public static final int REDUCED_SEEDS = 8;

  public static final List<Scenario> SCENARIOS =
      List.of(
          Scenario.healthy("healthy, high traffic (1000 req/s)", 1000),
          Scenario.healthy("healthy, very low traffic (20 req/s)", 20),
          Scenario.healthy("healthy, noisy heavy-tailed latency", 200).withHeavyTail(),
          Scenario.outage("healthy, shared dependency outage", 500, 3),
          Scenario.regression("errors 2x stable", 1000, 2, 1, 0, 1, 0, 0, 0),
          Scenario.regression("errors 5x stable", 1000, 5, 1, 0, 1, 0, 0, 0),
          Scenario.regression("p95 +30%", 1000, 1, 1.3, 0, 1, 0, 0, 0),
          Scenario.regression("p95 +100%", 1000, 1, 2.0, 0, 1, 0, 0, 0),
          Scenario.regression("tail only (p99 up, p95 flat)", 1000, 1, 1, 0.02, 4, 0, 0, 0),
          Scenario.regression("load-dependent, from 50% weight", 1000, 3, 1.5, 0, 1, 50, 0, 4),
          Scenario.regression("slow memory leak", 500, 1, 1, 0, 1, 0, 0.05, 3),
          Scenario.missing("missing data (scrape gone)", 500, 3, 0),
          Scenario.missing("flapping target", 500, -1, 0.3));
}
