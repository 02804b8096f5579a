package io.glidepath.analysis.eval;

import io.glidepath.analysis.Histogram;
import io.glidepath.analysis.MetricSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the rendered PromQL of the built-in queries (and the statistical judge's count queries)
 * from a generated run, the way Prometheus would over the query's range: in-process, so the whole
 * corpus is judged in seconds through the same {@link io.glidepath.analysis.Checks} as production.
 * It is not a PromQL engine: it recognises the shapes those queries have, reads the range ({@code
 * [90s]}) and sums the segments inside it (a segment partly inside counts in proportion), and
 * answers nothing (an empty vector) for a version whose scrape is gone over the whole range. Where
 * a real Prometheus answers differently (extrapolation, a 5xx series that does not exist before the
 * first error) is in docs/analysis.md.
 */
public final class ScenarioSource implements MetricSource {
  private static final Pattern RANGE = Pattern.compile("\\[(\\d+)([smh])]");

  private final Traffic.Window[] windows;
  private final String canaryVersion;
  private final long startMillis;

  public ScenarioSource(Traffic.Window[] windows, String canaryVersion, long startMillis) {
    this.windows = windows;
    this.canaryVersion = canaryVersion;
    this.startMillis = startMillis;
  }

  /** The instant at which window {@code w} of {@code s} is judged: its end. */
  public static Instant at(long startMillis, Scenario s, int w) {
    return Instant.ofEpochMilli(startMillis + s.end(w) * 1000L);
  }

  @Override
  public Result query(String promql, Instant at) {
    double t = (at.toEpochMilli() - startMillis) / 1000.0;
    boolean canary = promql.contains("version=\"" + canaryVersion + "\"");
    double range = range(promql);
    double from = t - range;
    List<Traffic.Segment> in = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    Traffic.Side last = null;
    for (Traffic.Window w : windows) {
      if (w.end() <= from || w.start() >= t) {
        continue;
      }
      Traffic.Side side = canary ? w.canary() : w.stable();
      if (!side.present()) {
        continue;
      }
      last = side;
      for (Traffic.Segment s : side.segments()) {
        double overlap = Math.min(t, s.end()) - Math.max(from, s.start());
        if (overlap > 0) {
          in.add(s);
          shares.add(overlap / (s.end() - s.start()));
        }
      }
    }
    if (last == null) {
      return Result.of(List.of());
    }
    if (promql.contains("process_cpu_usage")) {
      return one(last.cpu());
    }
    if (promql.contains("jvm_memory")) {
      return one(last.heap());
    }
    double requests = 0;
    double errors = 0;
    double[] cumulative = new double[Traffic.BOUNDS.length];
    for (int k = 0; k < in.size(); k++) {
      Traffic.Segment s = in.get(k);
      double share = shares.get(k);
      requests += share * s.requests();
      errors += share * s.errors();
      double cum = 0;
      for (int i = 0; i < cumulative.length; i++) {
        cum += s.buckets()[i];
        cumulative[i] += share * cum;
      }
    }
    boolean onlyErrors = promql.contains("status=~\"5..\"");
    if (promql.contains("histogram_quantile(")) {
      double q =
          Double.parseDouble(promql.substring(promql.indexOf('(') + 1, promql.indexOf(',')).trim());
      return one(
          requests <= 0 ? Double.NaN : new Histogram(Traffic.BOUNDS, cumulative).quantile(q));
    }
    if (promql.contains("_bucket")) {
      List<Sample> out = new ArrayList<>();
      for (int i = 0; i < Traffic.BOUNDS.length; i++) {
        String le =
            Double.isInfinite(Traffic.BOUNDS[i]) ? "+Inf" : Double.toString(Traffic.BOUNDS[i]);
        out.add(new Sample(Map.of("le", le), cumulative[i]));
      }
      return Result.of(out);
    }
    if (onlyErrors && promql.contains(" / ")) {
      return one(requests <= 0 ? Double.NaN : errors / requests);
    }
    double count = onlyErrors ? errors : requests;
    return promql.contains("increase(") ? one(count) : one(count / range);
  }

  private static double range(String promql) {
    Matcher m = RANGE.matcher(promql);
    if (!m.find()) {
      return 60;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "h" -> n * 3600.0;
      case "m" -> n * 60.0;
      default -> n;
    };
  }

  private static Result one(double v) {
    return Result.of(List.of(new Sample(Map.of(), v)));
  }
}
