package io.glidepath.analysis.eval;

import java.io.IOException;
import java.io.Writer;
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
    long[] before = new long[bounds];
    // Micrometer registers a status's timer at its first request; stable has served for long.
    boolean exists = !(canary && errors);
    StringBuilder line = new StringBuilder(256);
    for (int w = 0; w < windows.length; w++) {
      Traffic.Side side = canary ? windows[w].canary() : windows[w].stable();
      long[] inWindow = cumulative(side, errors);
      for (int k = 0; k < scrapesPerWindow(); k++) {
        double share = (SCRAPE_OFFSET + k * SCRAPE_SECONDS) / (double) Corpus.WINDOW_SECONDS;
        long total = before[bounds - 1] + (long) Math.floor(inWindow[bounds - 1] * share);
        exists |= total > 0;
        if (!side.present() || !exists) {
          continue;
        }
        long seconds = scrapeSeconds(run, w, k);
        for (int i = 0; i < bounds; i++) {
          long v = before[i] + (long) Math.floor(inWindow[i] * share);
          sample(line, prefixes[i], v, seconds, out);
        }
        sample(line, count, total, seconds, out);
      }
      for (int i = 0; i < bounds; i++) {
        before[i] += inWindow[i];
      }
    }
  }

  /**
   * The cumulative bucket counts of one side's 5xx (or other) requests in a window. A window's
   * errors are spread over its buckets in proportion to all its requests, so both statuses add up
   * to the window's histogram exactly.
   */
  static long[] cumulative(Traffic.Side side, boolean errors) {
    long[] buckets = side.buckets();
    long[] out = new long[buckets.length];
    long all = 0;
    for (int i = 0; i < buckets.length; i++) {
      all += buckets[i];
      out[i] = all;
    }
    for (int i = 0; i < out.length; i++) {
      long bad = all == 0 ? 0 : Math.floorDiv(side.errors() * out[i], all);
      out[i] = errors ? bad : out[i] - bad;
    }
    return out;
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
          Traffic.Side side = canary ? run.windows()[w].canary() : run.windows()[w].stable();
          if (!side.present()) {
            continue;
          }
          double v =
              switch (kind) {
                case CPU -> side.cpu();
                case HEAP_USED -> Math.rint(side.heap() * HEAP_MAX);
                case HEAP_MAX -> HEAP_MAX;
              };
          for (int k = 0; k < scrapesPerWindow(); k++) {
            line.setLength(0);
            line.append(prefix).append(v).append(' ').append(scrapeSeconds(run, w, k)).append('\n');
            out.append(line);
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

  private static int scrapesPerWindow() {
    return Corpus.WINDOW_SECONDS / SCRAPE_SECONDS;
  }

  private static long scrapeSeconds(Run run, int w, int k) {
    return run.startMillis() / 1000
        + (long) w * Corpus.WINDOW_SECONDS
        + SCRAPE_OFFSET
        + (long) k * SCRAPE_SECONDS;
  }
}
