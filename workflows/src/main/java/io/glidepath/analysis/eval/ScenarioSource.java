package io.glidepath.analysis.eval;

import io.glidepath.analysis.MetricSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers the rendered PromQL of the built-in queries (and the statistical judge's count queries)
 * from a generated run, the way Prometheus would over one window: in-process, so the whole corpus
 * is judged in seconds through the same {@link io.glidepath.analysis.Checks} as production. It is
 * not a PromQL engine: it recognises the shapes those queries have, and answers nothing (an empty
 * vector) for a version whose scrape is gone. Where a real Prometheus answers differently
 * (extrapolation, a 5xx series that does not exist before the first error) is in docs/analysis.md.
 */
public final class ScenarioSource implements MetricSource {
  private final Traffic.Window[] windows;
  private final String canaryVersion;
  private final long startMillis;

  public ScenarioSource(Traffic.Window[] windows, String canaryVersion, long startMillis) {
    this.windows = windows;
    this.canaryVersion = canaryVersion;
    this.startMillis = startMillis;
  }

  /** The instant at which window {@code w} is judged: its end. */
  public static Instant at(long startMillis, int w) {
    return Instant.ofEpochMilli(startMillis + (w + 1) * Corpus.WINDOW_SECONDS * 1000L);
  }

  @Override
  public Result query(String promql, Instant at) {
    int w = (int) ((at.toEpochMilli() - startMillis) / (Corpus.WINDOW_SECONDS * 1000L)) - 1;
    if (w < 0 || w >= windows.length) {
      return Result.of(List.of());
    }
    boolean canary = promql.contains("version=\"" + canaryVersion + "\"");
    Traffic.Side side = canary ? windows[w].canary() : windows[w].stable();
    if (!side.present()) {
      return Result.of(List.of());
    }
    if (promql.contains("process_cpu_usage")) {
      return one(side.cpu());
    }
    if (promql.contains("jvm_memory")) {
      return one(side.heap());
    }
    boolean errors = promql.contains("status=~\"5..\"");
    if (promql.contains("histogram_quantile(")) {
      double q =
          Double.parseDouble(promql.substring(promql.indexOf('(') + 1, promql.indexOf(',')).trim());
      return one(histogram(side).quantile(q));
    }
    if (promql.contains("_bucket")) {
      List<Sample> out = new ArrayList<>();
      long cum = 0;
      for (int i = 0; i < Traffic.BOUNDS.length; i++) {
        cum += side.buckets()[i];
        String le =
            Double.isInfinite(Traffic.BOUNDS[i]) ? "+Inf" : Double.toString(Traffic.BOUNDS[i]);
        out.add(new Sample(Map.of("le", le), cum));
      }
      return Result.of(out);
    }
    if (errors && promql.contains(" / ")) {
      return one(side.requests() == 0 ? Double.NaN : (double) side.errors() / side.requests());
    }
    double count = errors ? side.errors() : side.requests();
    return promql.contains("increase(") ? one(count) : one(count / Corpus.WINDOW_SECONDS);
  }

  private static io.glidepath.analysis.Histogram histogram(Traffic.Side side) {
    return io.glidepath.analysis.Histogram.ofCounts(Traffic.BOUNDS, side.buckets());
  }

  private static Result one(double v) {
    return Result.of(List.of(new Sample(Map.of(), v)));
  }
}
