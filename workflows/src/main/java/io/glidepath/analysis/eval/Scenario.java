package io.glidepath.analysis.eval;

import java.util.List;
import java.util.Set;

/**
 * One labelled scenario of the corpus, as a scenario file says it (see docs/analysis.md): the
 * traffic of both versions over time through a stage schedule, and what a perfect judge does.
 *
 * @param label what a perfect judge does with it
 * @param rate requests per second over both versions
 * @param jitter the rate's relative standard deviation per window
 * @param windowSeconds the length of each judged window
 * @param weights the new version's traffic weight in each window, in percent
 * @param stable how the stable version behaves when no change applies
 * @param canary how the new version behaves when no change applies
 * @param changes behaviour over time, later ones applied over earlier ones
 * @param regressionStart seconds from the start when the regression starts (regressions only); a
 *     rollback before it is a false one
 * @param canaryMissing windows whose new-version scrape is gone
 * @param stableMissing windows whose stable scrape is gone
 * @param canaryFlapping chance that the new version's scrape is gone for a whole window
 * @param stableFlapping the same for stable
 */
public record Scenario(
    String name,
    Label label,
    double rate,
    double jitter,
    int windowSeconds,
    int[] weights,
    Behaviour stable,
    Behaviour canary,
    List<Change> changes,
    int regressionStart,
    Set<Integer> canaryMissing,
    Set<Integer> stableMissing,
    double canaryFlapping,
    double stableFlapping) {

  /** What a perfect judge does with a scenario. */
  public enum Label {
    /** Never rolls it back. */
    HEALTHY,
    /** Rolls it back within two windows of its start, never before. */
    REGRESSION,
    /** Healthy traffic whose scrape is gone at times: never passes a window without data. */
    MISSING_DATA,
    /**
     * A regression the data cannot show (too few requests, stable's side gone): never passes a
     * window from its start; holding (inconclusive) or rolling back are both right.
     */
    UNDECIDABLE
  }

  /** Which version a change applies to. */
  public enum Side {
    CANARY,
    STABLE,
    BOTH
  }

  /**
   * How one version serves.
   *
   * @param errors the chance that a request is a 5xx
   * @param median the log-normal latency's median in seconds
   * @param sigma the log-normal's sigma
   * @param tailShare share of requests from a slower log-normal, {@code tailFactor} x the median
   * @param noise share of requests from a noisy, heavy-tailed log-normal (3x the median, sigma 1)
   * @param buckets explicit cumulative shares at {@link Traffic#BOUNDS} instead of the log-normal,
   *     or null
   * @param cpu the CPU gauge
   * @param heap the heap gauge
   * @param leakPerWindow heap share gained per window (a leak), from the window it starts in
   */
  public record Behaviour(
      double errors,
      double median,
      double sigma,
      double tailShare,
      double tailFactor,
      double noise,
      List<Double> buckets,
      double cpu,
      double heap,
      double leakPerWindow) {
    public static final Behaviour DEFAULT =
        new Behaviour(0.002, 0.08, 0.5, 0, 1, 0, null, 0.3, 0.5, 0);
  }

  /**
   * A change of one version's behaviour over part of the run. Times are seconds from the start, or
   * from every traffic shift when {@code afterShift}; a burst is on for {@code burstOn} seconds in
   * every {@code burstEvery}, from {@code from}.
   */
  public record Change(
      Side side,
      int from,
      int to,
      boolean afterShift,
      Set<Integer> windows,
      int fromWeight,
      int burstOn,
      int burstEvery,
      Patch patch) {

    /** Whether it applies at second {@code t} of window {@code w} at {@code weight}. */
    boolean applies(int t, int sinceShift, int w, int weight) {
      if (windows != null && !windows.contains(w)) {
        return false;
      }
      if (weight < fromWeight) {
        return false;
      }
      int at = afterShift ? sinceShift : t;
      if (at < from || at >= to) {
        return false;
      }
      return burstEvery <= 0 || (at - from) % burstEvery < burstOn;
    }
  }

  /** The fields a change sets; null leaves a field as it is. Factors multiply. */
  public record Patch(
      Double errors,
      Double errorFactor,
      Double median,
      Double latencyFactor,
      Double sigma,
      Double tailShare,
      Double tailFactor,
      Double noise,
      List<Double> buckets,
      Double cpu,
      Double heap,
      Double leakPerWindow) {
    Behaviour apply(Behaviour b) {
      return new Behaviour(
          Math.min(
              1, (errors != null ? errors : b.errors()) * (errorFactor != null ? errorFactor : 1)),
          (median != null ? median : b.median()) * (latencyFactor != null ? latencyFactor : 1),
          sigma != null ? sigma : b.sigma(),
          tailShare != null ? tailShare : b.tailShare(),
          tailFactor != null ? tailFactor : b.tailFactor(),
          noise != null ? noise : b.noise(),
          buckets != null ? buckets : b.buckets(),
          cpu != null ? cpu : b.cpu(),
          heap != null ? heap : b.heap(),
          leakPerWindow != null ? leakPerWindow : b.leakPerWindow());
    }
  }

  /** Seconds from the start to the end of window {@code w}. */
  public int end(int w) {
    return (w + 1) * windowSeconds;
  }

  /** The window the regression starts in. */
  public int onsetWindow() {
    return Math.max(0, regressionStart) / windowSeconds;
  }

  /** Seconds from the start to the traffic shift that window {@code w} runs after. */
  public int shiftBefore(int w) {
    int i = w;
    while (i > 0 && weights[i - 1] == weights[w]) {
      i--;
    }
    return i * windowSeconds;
  }
}
