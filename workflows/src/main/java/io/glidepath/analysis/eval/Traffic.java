package io.glidepath.analysis.eval;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * The seeded traffic model: what each version served in each window of one run of a scenario.
 * Requests split by weight, errors drawn per version, latency from a log-normal (a heavy-tailed
 * mixture when the scenario says so) binned into histogram buckets, a heap gauge per version.
 */
public final class Traffic {
  /** The histogram bounds in seconds, as a service's Micrometer histogram would expose them. */
  public static final double[] BOUNDS = {
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.125,
    0.15,
    0.175,
    0.2,
    0.25,
    0.3,
    0.35,
    0.4,
    0.5,
    0.6,
    0.75,
    1,
    1.5,
    2,
    3,
    5,
    10,
    Double.POSITIVE_INFINITY
  };

  static final double STABLE_ERRORS = 0.002;
  static final double MEDIAN = 0.08;
  static final double SIGMA = 0.5;
  static final double HEAP = 0.5;
  static final double CPU = 0.3;

  /** One version in one window; {@code present} is false when its scrape was gone. */
  public record Side(
      boolean present, long requests, long errors, long[] buckets, double cpu, double heap) {}

  /** Both versions in one window. */
  public record Window(int weight, Side canary, Side stable) {}

  private Traffic() {}

  /** The windows of one run of {@code s} with {@code seed}. */
  public static Window[] generate(Scenario s, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + s.name().hashCode());
    UniformRandomProvider rng = random::nextLong;
    Window[] out = new Window[Corpus.WEIGHTS.length];
    for (int w = 0; w < out.length; w++) {
      int weight = Corpus.WEIGHTS[w];
      double jitter = Math.max(0.5, 1 + 0.1 * gaussian(random));
      long all = Math.round(s.rps() * jitter * Corpus.WINDOW_SECONDS);
      long canaryN = binomial(rng, (int) all, weight / 100.0);
      boolean outage = s.outageFrom() >= 0 && w >= s.outageFrom() && w < s.outageFrom() + 2;
      boolean on =
          s.label() == Scenario.Label.REGRESSION
              && (s.fromWeight() == 0 || weight >= s.fromWeight());
      boolean gone =
          (s.missingFrom() >= 0 && w >= s.missingFrom())
              || (s.flapping() > 0 && random.nextDouble() < s.flapping());
      Side stable = side(rng, random, s, all - canaryN, false, outage, w, true);
      Side canary = side(rng, random, s, canaryN, on, outage, w, !gone);
      out[w] = new Window(weight, canary, stable);
    }
    return out;
  }

  private static Side side(
      UniformRandomProvider rng,
      SplittableRandom random,
      Scenario s,
      long n,
      boolean regressed,
      boolean outage,
      int w,
      boolean present) {
    double errors = STABLE_ERRORS * (regressed ? s.errorFactor() : 1) + (outage ? 0.15 : 0);
    long bad = binomial(rng, (int) n, Math.min(1, errors));
    double scale = (regressed ? s.latencyScale() : 1) * (outage ? 2 : 1);
    double tail = regressed ? s.tailFraction() : 0;
    long[] buckets = multinomial(rng, n, bucketProbabilities(scale, tail, s.tailScale(), s));
    double leak = regressed ? s.leakPerWindow() * w : 0;
    double heap = HEAP + 0.02 * gaussian(random) + leak;
    double cpu = CPU + 0.02 * gaussian(random);
    return new Side(present, n, bad, buckets, cpu, heap);
  }

  /** The chance of each bucket for a latency scaled by {@code scale}, a tail, and noise. */
  static double[] bucketProbabilities(double scale, double tail, double tailScale, Scenario s) {
    LogNormalDistribution body = LogNormalDistribution.of(Math.log(MEDIAN * scale), SIGMA);
    LogNormalDistribution slow =
        LogNormalDistribution.of(Math.log(MEDIAN * scale * tailScale), SIGMA);
    LogNormalDistribution noisy = LogNormalDistribution.of(Math.log(MEDIAN * scale * 3), 1.0);
    double noise = s.heavyTail() ? 0.05 : 0;
    double[] p = new double[BOUNDS.length];
    double before = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      double cdf =
          Double.isInfinite(BOUNDS[i])
              ? 1
              : (1 - tail - noise) * body.cumulativeProbability(BOUNDS[i])
                  + tail * slow.cumulativeProbability(BOUNDS[i])
                  + noise * noisy.cumulativeProbability(BOUNDS[i]);
      p[i] = Math.max(0, cdf - before);
      before = cdf;
    }
    return p;
  }

  private static long[] multinomial(UniformRandomProvider rng, long n, double[] p) {
    long[] out = new long[p.length];
    long left = n;
    double mass = 1;
    for (int i = 0; i < p.length && left > 0; i++) {
      if (i == p.length - 1) {
        out[i] = left;
        break;
      }
      double share = mass <= 0 ? 1 : Math.min(1, p[i] / mass);
      out[i] = binomial(rng, (int) left, share);
      left -= out[i];
      mass -= p[i];
    }
    return out;
  }

  private static long binomial(UniformRandomProvider rng, int n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    return BinomialDistribution.of(n, p).createSampler(rng).sample();
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller on the seeded stream, so a run is the same for a seed on every JVM.
    double u = Math.max(1e-12, random.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
