package io.glidepath.analysis.eval;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated runs as OpenMetrics text for {@code promtool tsdb create-blocks-from
 * openmetrics}: what a Prometheus scraping both versions of each run every {@link #SCRAPE_SECONDS}
 * would have stored. Micrometer's names and labels ({@code http_server_requests_seconds} with
 * {@code service}, {@code region}, {@code version}, {@code status}, {@code le}; {@code
 * process_cpu_usage}; {@code jvm_memory_used_bytes}/{@code _max_bytes} with {@code area="heap"}),
 * one run per {@code region} label so many runs share one TSDB. Counters grow evenly through each
 * window from the window's counts; the scrapes are offset from the judged instants, so {@code
 * rate()} extrapolates as it does in production. Like Micrometer, the new version's 5xx series
 * exists only from its first error; a version whose scrape is gone has no samples in that window
 * (backfilled data has no staleness markers: an instant gauge query still sees the last sample for
 * Prometheus's 5-minute lookback).
 */
public final class OpenMetrics {
  /** Seconds between two scrapes of a target. */
  public static final int SCRAPE_SECONDS = 15;

  /** Seconds from a window's start to its first scrape: scrapes never fall on a judged instant. */
  static final int SCRAPE_OFFSET = 5;

  static final String HISTOGRAM = "http_server_requests_seconds";
  static final double HEAP_MAX = 1L << 30;

  /** One run: the label that tells it apart, its windows and the instant its first one starts. */
  public record Run(String region, Traffic.Window[] windows, long startMillis) {}

  private OpenMetrics() {}

  /** Writes {@code runs}, one metric family after the other, ending with {@code # EOF}. */
  public static void write(List<Run> runs, String service, Writer out) throws IOException {
    out.write("# TYPE " + HISTOGRAM + " histogram\n");
    for (Run run : runs) {
      for (boolean canary : new boolean[] {false, true}) {
        for (boolean errors : new boolean[] {false, true}) {
          histogram(run, service, canary, errors, out);
        }
      }
    }
    gauge("process_cpu_usage", runs, service, "", Gauge.CPU, out);
    gauge("jvm_memory_used_bytes", runs, service, ",area=\"heap\"", Gauge.HEAP_USED, out);
    gauge("jvm_memory_max_bytes", runs, service, ",area=\"heap\"", Gauge.HEAP_MAX, out);
    out.write("# EOF\n");
  }

  private enum Gauge {
    CPU,
    HEAP_USED,
    HEAP_MAX
  }

  /** One version's 2xx or 5xx histogram through a run: cumulative buckets and the count. */
  private static void histogram(Run run, String service, boolean canary, boolean errors, Writer out)
      throws IOException {
    Traffic.Window[] windows = run.windows();
    int bounds = Traffic.BOUNDS.length;
    String[] prefixes = new String[bounds];
    String labels = labels(service, run, canary) + ",status=\"" + (errors ? "500" : "200") + "\"";
    for (int i = 0; i < bounds; i++) {
      String le =
          Double.isInfinite(Traffic.BOUNDS[i]) ? "+Inf" : Double.toString(Traffic.BOUNDS[i]);
      prefixes[i] = HISTOGRAM + "_bucket{" + labels + ",le=\"" + le + "\"} ";
    }
    String count = HISTOGRAM + "_count{" + labels + "} ";
    List<Traffic.Segment> segments = new ArrayList<>();
    for (Traffic.Window w : windows) {
      segments.addAll(canary ? w.canary().segments() : w.stable().segments());
    }
    long[] last = new long[bounds];
    // Micrometer registers a status's timer at its first request; stable has served for long.
    boolean exists = !(canary && errors);
    StringBuilder line = new StringBuilder(256);
    int end = windows[windows.length - 1].end();
    double[] done = new double[bounds + 1]; // complete segments: buckets, then errors
    int next = 0;
    for (int t = SCRAPE_OFFSET; t < end; t += SCRAPE_SECONDS) {
      while (next < segments.size() && segments.get(next).end() <= t) {
        add(done, segments.get(next), 1);
        next++;
      }
      double[] now = done.clone();
      if (next < segments.size() && segments.get(next).start() < t) {
        Traffic.Segment g = segments.get(next);
        add(now, g, (t - g.start()) / (double) (g.end() - g.start()));
      }
      double all = now[bounds - 1];
      long[] v = new long[bounds];
      for (int i = 0; i < bounds; i++) {
        long bad = all <= 0 ? 0 : (long) Math.floor(now[bounds] * now[i] / all);
        v[i] = Math.max(last[i], errors ? bad : (long) Math.floor(now[i]) - bad);
        last[i] = v[i];
      }
      exists |= v[bounds - 1] > 0;
      Traffic.Window w =
          windows[Math.min(windows.length - 1, t / (windows[0].end() - windows[0].start()))];
      if (!(canary ? w.canary() : w.stable()).present() || !exists) {
        continue;
      }
      long seconds = run.startMillis() / 1000 + t;
      for (int i = 0; i < bounds; i++) {
        sample(line, prefixes[i], v[i], seconds, out);
      }
      sample(line, count, v[bounds - 1], seconds, out);
    }
  }

  private static void add(double[] into, Traffic.Segment g, double share) {
    double cum = 0;
    for (int i = 0; i < g.buckets().length; i++) {
      cum += g.buckets()[i];
      into[i] += share * cum;
    }
    into[g.buckets().length] += share * g.errors();
  }

  private static void gauge(
      String name, List<Run> runs, String service, String extra, Gauge kind, Writer out)
      throws IOException {
    out.write("# TYPE " + name + " gauge\n");
    StringBuilder line = new StringBuilder(256);
    for (Run run : runs) {
      for (boolean canary : new boolean[] {false, true}) {
        String prefix = name + "{" + labels(service, run, canary) + extra + "} ";
        for (int w = 0; w < run.windows().length; w++) {
          Traffic.Window window = run.windows()[w];
          Traffic.Side side = canary ? window.canary() : window.stable();
          if (!side.present()) {
            continue;
          }
          double v =
              switch (kind) {
                case CPU -> side.cpu();
                case HEAP_USED -> Math.rint(side.heap() * HEAP_MAX);
                case HEAP_MAX -> HEAP_MAX;
              };
          for (int t = window.start() + SCRAPE_OFFSET; t < window.end(); t += SCRAPE_SECONDS) {
            line.setLength(0);
            line.append(prefix).append(v).append(' ').append(run.startMillis() / 1000 + t);
            out.append(line.append('\n'));
          }
        }
      }
    }
  }

  private static String labels(String service, Run run, boolean canary) {
    return "service=\""
        + service
        + "\",region=\""
        + run.region()
        + "\",version=\""
        + (canary ? Evaluation.CANARY : Evaluation.STABLE)
        + "\"";
  }

  private static void sample(StringBuilder line, String prefix, long v, long seconds, Writer out)
      throws IOException {
    line.setLength(0);
    line.append(prefix).append(v).append(' ').append(seconds).append('\n');
    out.append(line);
  }
}
