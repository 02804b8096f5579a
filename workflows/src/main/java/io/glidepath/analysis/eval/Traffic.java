package io.glidepath.analysis.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * The seeded traffic model: what each version served in each window of one run of a scenario, in
 * segments of constant behaviour (a change, a burst or a warm-up starts a segment). Requests split
 * by weight, errors drawn per version, latency from a log-normal mixture (or explicit buckets)
 * binned into histogram buckets, CPU and heap gauges per version and window.
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

  /** Behaviour is constant over slices of this many seconds; scenario times are multiples. */
  public static final int SLICE_SECONDS = 5;

  /** Part of a window with one behaviour: seconds from the run's start, and what was served. */
  public record Segment(int start, int end, long requests, long errors, long[] buckets) {}

  /** One version in one window; {@code present} is false when its scrape was gone. */
  public record Side(boolean present, List<Segment> segments, double cpu, double heap) {
    public long requests() {
      return segments.stream().mapToLong(Segment::requests).sum();
    }

    public long errors() {
      return segments.stream().mapToLong(Segment::errors).sum();
    }

    /** Per-bucket counts over the whole window. */
    public long[] buckets() {
      long[] out = new long[BOUNDS.length];
      for (Segment s : segments) {
        for (int i = 0; i < out.length; i++) {
          out[i] += s.buckets()[i];
        }
      }
      return out;
    }
  }

  /** Both versions in one window, from second {@code start} to {@code end} of the run. */
  public record Window(int weight, int start, int end, Side canary, Side stable) {}

  private Traffic() {}

  /** The windows of one run of {@code s} with {@code seed}. */
  public static Window[] generate(Scenario s, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + s.name().hashCode());
    UniformRandomProvider rng = random::nextLong;
    Window[] out = new Window[s.weights().length];
    for (int w = 0; w < out.length; w++) {
      int weight = s.weights()[w];
      double jitter = Math.max(0.5, 1 + s.jitter() * gaussian(random));
      int start = w * s.windowSeconds();
      int shift = s.shiftBefore(w);
      boolean canaryGone =
          s.canaryMissing().contains(w)
              || (s.canaryFlapping() > 0 && random.nextDouble() < s.canaryFlapping());
      boolean stableGone =
          s.stableMissing().contains(w)
              || (s.stableFlapping() > 0 && random.nextDouble() < s.stableFlapping());
      List<Segment> canary = new ArrayList<>();
      List<Segment> stable = new ArrayList<>();
      Scenario.Behaviour lastCanary = null;
      Scenario.Behaviour lastStable = null;
      int segStart = start;
      for (int t = start; t <= start + s.windowSeconds(); t += SLICE_SECONDS) {
        boolean end = t == start + s.windowSeconds();
        Scenario.Behaviour c = end ? null : behaviour(s, Scenario.Side.CANARY, t, t - shift, w);
        Scenario.Behaviour st = end ? null : behaviour(s, Scenario.Side.STABLE, t, t - shift, w);
        if (t > segStart && (end || !c.equals(lastCanary) || !st.equals(lastStable))) {
          long all = Math.round(s.rate() * jitter * (t - segStart));
          long canaryN = binomial(rng, all, weight / 100.0);
          canary.add(segment(rng, lastCanary, segStart, t, canaryN));
          stable.add(segment(rng, lastStable, segStart, t, all - canaryN));
          segStart = t;
        }
        lastCanary = c;
        lastStable = st;
      }
      Scenario.Behaviour cEnd =
          behaviour(s, Scenario.Side.CANARY, start + s.windowSeconds() - 1, 0, w);
      Scenario.Behaviour sEnd =
          behaviour(s, Scenario.Side.STABLE, start + s.windowSeconds() - 1, 0, w);
      out[w] =
          new Window(
              weight,
              start,
              start + s.windowSeconds(),
              new Side(!canaryGone, canary, gauge(random, cEnd.cpu()), heap(random, cEnd, w)),
              new Side(!stableGone, stable, gauge(random, sEnd.cpu()), heap(random, sEnd, w)));
    }
    return out;
  }

  /** How {@code side} behaves at second {@code t} ({@code sinceShift} after the last shift). */
  static Scenario.Behaviour behaviour(
      Scenario s, Scenario.Side side, int t, int sinceShift, int w) {
    Scenario.Behaviour b = side == Scenario.Side.CANARY ? s.canary() : s.stable();
    for (Scenario.Change c : s.changes()) {
      if ((c.side() == side || c.side() == Scenario.Side.BOTH)
          && c.applies(t, sinceShift, w, s.weights()[w])) {
        b = c.patch().apply(b);
      }
    }
    return b;
  }

  private static Segment segment(
      UniformRandomProvider rng, Scenario.Behaviour b, int start, int end, long n) {
    long bad = binomial(rng, n, b.errors());
    long[] buckets = multinomial(rng, n, bucketProbabilities(b));
    return new Segment(start, end, n, bad, buckets);
  }

  private static double heap(SplittableRandom random, Scenario.Behaviour b, int w) {
    return gauge(random, b.heap()) + b.leakPerWindow() * w;
  }

  private static double gauge(SplittableRandom random, double mean) {
    return mean + 0.02 * gaussian(random);
  }

  /** The chance of each bucket for a behaviour. */
  static double[] bucketProbabilities(Scenario.Behaviour b) {
    double[] p = new double[BOUNDS.length];
    double before = 0;
    if (b.buckets() != null) {
      for (int i = 0; i < BOUNDS.length; i++) {
        double cdf = Double.isInfinite(BOUNDS[i]) ? 1 : b.buckets().get(i);
        p[i] = Math.max(0, cdf - before);
        before = Math.max(before, cdf);
      }
      return p;
    }
    LogNormalDistribution body = LogNormalDistribution.of(Math.log(b.median()), b.sigma());
    LogNormalDistribution slow =
        LogNormalDistribution.of(Math.log(b.median() * b.tailFactor()), b.sigma());
    LogNormalDistribution noisy = LogNormalDistribution.of(Math.log(b.median() * 3), 1.0);
    double tail = b.tailShare();
    double noise = b.noise();
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
      out[i] = binomial(rng, left, share);
      left -= out[i];
      mass -= p[i];
    }
    return out;
  }

  private static long binomial(UniformRandomProvider rng, long n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    return BinomialDistribution.of((int) Math.min(Integer.MAX_VALUE, n), p)
        .createSampler(rng)
        .sample();
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller on the seeded stream, so a run is the same for a seed on every JVM.
    double u = Math.max(1e-12, random.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
