package io.glidepath.analysis.eval;

/**
 * One labelled scenario of the corpus: a traffic model for a release that moves the new version
 * through the canary weights, one judged window each (see {@link Corpus#WEIGHTS}).
 *
 * @param label what a perfect judge does with it
 * @param rps requests per second over both versions
 * @param heavyTail a noisy, heavy-tailed latency on both versions
 * @param errorFactor the new version's error probability over stable's once the regression is on
 * @param latencyScale the new version's latency over stable's once the regression is on
 * @param tailFraction share of the new version's requests that are {@code tailScale} slower
 * @param fromWeight the regression is on only from this canary weight (load-dependent), else 0
 * @param leakPerWindow heap share the new version gains per window (a memory leak)
 * @param onset the first window where the regression is material (for the "caught within")
 * @param outageFrom first window of an outage of a shared dependency (both versions), or -1
 * @param missingFrom first window from which the new version's scrape is gone, or -1
 * @param flapping chance that the new version's target is down for a whole window
 */
public record Scenario(
    String name,
    Label label,
    double rps,
    boolean heavyTail,
    double errorFactor,
    double latencyScale,
    double tailFraction,
    double tailScale,
    int fromWeight,
    double leakPerWindow,
    int onset,
    int outageFrom,
    int missingFrom,
    double flapping) {

  /** What a perfect judge does with a scenario. */
  public enum Label {
    /** Never rolls it back. */
    HEALTHY,
    /** Rolls it back within two windows of its onset. */
    REGRESSION,
    /** Never passes a window without the new version's data. */
    MISSING_DATA
  }

  static Scenario healthy(String name, double rps) {
    return new Scenario(name, Label.HEALTHY, rps, false, 1, 1, 0, 1, 0, 0, -1, -1, -1, 0);
  }

  Scenario withHeavyTail() {
    return new Scenario(
        name,
        label,
        rps,
        true,
        errorFactor,
        latencyScale,
        tailFraction,
        tailScale,
        fromWeight,
        leakPerWindow,
        onset,
        outageFrom,
        missingFrom,
        flapping);
  }

  static Scenario regression(
      String name,
      double rps,
      double errorFactor,
      double latencyScale,
      double tailFraction,
      double tailScale,
      int fromWeight,
      double leak,
      int onset) {
    return new Scenario(
        name,
        Label.REGRESSION,
        rps,
        false,
        errorFactor,
        latencyScale,
        tailFraction,
        tailScale,
        fromWeight,
        leak,
        onset,
        -1,
        -1,
        0);
  }

  static Scenario outage(String name, double rps, int from) {
    return new Scenario(name, Label.HEALTHY, rps, false, 1, 1, 0, 1, 0, 0, -1, from, -1, 0);
  }

  static Scenario missing(String name, double rps, int from, double flapping) {
    return new Scenario(
        name, Label.MISSING_DATA, rps, false, 1, 1, 0, 1, 0, 0, -1, -1, from, flapping);
  }
}
