package io.glidepath.analysis.eval;

import io.glidepath.model.MetricUnit;
import io.glidepath.model.Quantities;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecProblem;
import io.glidepath.spec.YamlObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario files (YAML, one scenario each; the format is in docs/analysis.md) with the
 * release spec's strict reader: unknown keys and impossible values are refused with the file and
 * the field.
 */
public final class ScenarioFiles {
  /** Where the built-in corpus lives on the class path, with an {@code index} of its files. */
  static final String BUILT_IN = "/io/glidepath/analysis/eval/corpus/";

  private ScenarioFiles() {}

  /** Every {@code *.yaml} / {@code *.yml} file of {@code dir}, by file name. */
  public static List<Scenario> load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no scenario files (*.yaml) in " + dir);
    }
    List<Scenario> out = new ArrayList<>();
    for (Path f : files) {
      out.add(parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
    }
    return out;
  }

  /** The built-in corpus. */
  public static List<Scenario> builtIn() {
    List<Scenario> out = new ArrayList<>();
    for (String name : resource("index").split("\n")) {
      if (!name.isBlank() && !name.startsWith("#")) {
        out.add(parse(resource(name.trim()), "built-in " + name.trim()));
      }
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = ScenarioFiles.class.getResourceAsStream(BUILT_IN + name)) {
      if (in == null) {
        throw new IllegalStateException("no built-in scenario file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one scenario; {@code source} names it in messages. */
  public static Scenario parse(String yaml, String source) {
    List<SpecProblem> problems = new ArrayList<>();
    YamlObject o = new YamlObject(SpecParser.strictTree(yaml, source), "", problems);
    String name = o.string("name");
    if (name == null || name.isBlank()) {
      o.problem("name", "required: a short description, e.g. 'errors 2x stable'");
    }
    Scenario.Label label = o.choice("label", Scenario.Label.class, null);
    if (label == null && !o.has("label")) {
      o.problem("label", "required: regression, healthy or missing-data");
    }
    YamlObject schedule = o.object("schedule");
    int window = seconds(schedule, "window", Duration.ofMinutes(2), 10, 3600);
    List<String> weightTexts = schedule.strings("weights");
    int[] weights = new int[weightTexts.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] =
          (int) Math.round(bounded(schedule, "weights[" + i + "]", weightTexts.get(i), 1, 100));
    }
    if (weights.length == 0 || weights.length > 500) {
      schedule.problem(schedule.path("weights"), "1 to 500 weights, one per window, e.g. [10, 25]");
      weights = new int[] {10};
    }
    schedule.rejectUnknown();
    YamlObject traffic = o.object("traffic");
    double rate = traffic.number("rate", 1000.0);
    if (!(rate > 0 && rate <= 1_000_000)) {
      traffic.problem(traffic.path("rate"), rate + " is outside 0 (exclusive) to 1000000 req/s");
      rate = 1;
    }
    double jitter = ratio(traffic, "jitter", 0.1, 0, 0.5);
    traffic.rejectUnknown();
    Scenario.Behaviour stable = behaviour(o.object("stable"), Scenario.Behaviour.DEFAULT);
    Scenario.Behaviour canary = behaviour(o.object("canary"), stable);
    int total = window * weights.length;
    List<Scenario.Change> changes = new ArrayList<>();
    for (YamlObject c : o.objects("changes")) {
      changes.add(change(c, weights.length, total));
    }
    int start = -1;
    if (o.has("regressionStarts")) {
      start = seconds(o, "regressionStarts", Duration.ZERO, 0, total - 1);
      if (label != Scenario.Label.REGRESSION && label != Scenario.Label.UNDECIDABLE) {
        o.problem("regressionStarts", "only a regression (or an undecidable one) has a start");
      }
    } else if (label == Scenario.Label.REGRESSION || label == Scenario.Label.UNDECIDABLE) {
      start = 0;
    }
    YamlObject missing = o.object("missing");
    Set<Integer> canaryMissing = windows(missing, "canary", weights.length);
    Set<Integer> stableMissing = windows(missing, "stable", weights.length);
    double canaryFlapping = ratio(missing, "canaryFlapping", 0, 0, 1);
    double stableFlapping = ratio(missing, "stableFlapping", 0, 0, 1);
    missing.rejectUnknown();
    o.rejectUnknown();
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(source, problems);
    }
    return new Scenario(
        name,
        label,
        rate,
        jitter,
        window,
        weights,
        stable,
        canary,
        List.copyOf(changes),
        start,
        canaryMissing,
        stableMissing,
        canaryFlapping,
        stableFlapping);
  }

  private static Scenario.Behaviour behaviour(YamlObject b, Scenario.Behaviour base) {
    Scenario.Patch p = patch(b, false);
    b.rejectUnknown();
    return p.apply(base);
  }

  private static Scenario.Patch patch(YamlObject b, boolean factors) {
    Double errors = b.has("errors") ? ratio(b, "errors", 0, 0, 1) : null;
    Double errorFactor = factors && b.has("errorFactor") ? positive(b, "errorFactor") : null;
    YamlObject l = b.object("latency");
    Double median = null;
    Double latencyFactor = null;
    Double sigma = null;
    Double tailShare = null;
    Double tailFactor = null;
    Double noise = null;
    List<Double> buckets = null;
    if (l.present()) {
      if (l.has("median")) {
        median = seconds(l, "median", Duration.ofMillis(80), 0.0001, 60);
      }
      latencyFactor = factors && l.has("factor") ? positive(l, "factor") : null;
      sigma = l.has("sigma") ? bounded(l, "sigma", l.string("sigma"), 0.01, 3) : null;
      YamlObject tail = l.object("tail");
      if (tail.present()) {
        tailShare = ratio(tail, "share", 0, 0, 1);
        tailFactor = positive(tail, "factor");
        tail.rejectUnknown();
      }
      noise = l.has("noise") ? ratio(l, "noise", 0, 0, 1) : null;
      if (l.has("buckets")) {
        buckets = buckets(l.object("buckets"));
      }
      if ((tailShare != null ? tailShare : 0) + (noise != null ? noise : 0) > 1) {
        l.problem(l.path("tail"), "tail.share and noise together are more than 100%");
      }
      l.rejectUnknown();
    }
    Double cpu = b.has("cpu") ? ratio(b, "cpu", 0, 0, 1) : null;
    Double heap = b.has("heap") ? ratio(b, "heap", 0, 0, 1) : null;
    Double leak = b.has("leakPerWindow") ? ratio(b, "leakPerWindow", 0, 0, 1) : null;
    return new Scenario.Patch(
        errors,
        errorFactor,
        median,
        latencyFactor,
        sigma,
        tailShare,
        tailFactor,
        noise,
        buckets,
        cpu,
        heap,
        leak);
  }

  /** Explicit buckets: cumulative shares at upper bounds, e.g. {100ms: 50%, 250ms: 95%}. */
  private static List<Double> buckets(YamlObject b) {
    List<double[]> points = new ArrayList<>();
    for (String key : b.keys()) {
      double bound;
      try {
        bound = Quantities.parseDuration(key).toNanos() / 1e9;
      } catch (IllegalArgumentException e) {
        b.problem(b.path(key), "a bucket's bound is a duration such as 250ms: " + e.getMessage());
        continue;
      }
      points.add(new double[] {bound, ratio(b, key, 0, 0, 1)});
    }
    points.sort((x, y) -> Double.compare(x[0], y[0]));
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i)[1] < points.get(i - 1)[1]) {
        b.problem(b.path(), "cumulative shares must not decrease as the bound grows");
      }
    }
    if (points.isEmpty()) {
      b.problem(b.path(), "at least one bucket, e.g. {100ms: 50%, 1s: 100%}");
      return null;
    }
    List<Double> out = new ArrayList<>();
    for (double bound : Traffic.BOUNDS) {
      if (Double.isInfinite(bound)) {
        out.add(1.0);
        continue;
      }
      double lowerB = 0;
      double lowerC = 0;
      double v = points.get(points.size() - 1)[1];
      for (double[] p : points) {
        if (bound <= p[0]) {
          v = lowerC + (p[1] - lowerC) * (bound - lowerB) / (p[0] - lowerB);
          break;
        }
        lowerB = p[0];
        lowerC = p[1];
      }
      out.add(v);
    }
    return Collections.unmodifiableList(out);
  }

  private static Scenario.Change change(YamlObject c, int windows, int total) {
    Scenario.Side side = c.choice("side", Scenario.Side.class, null);
    if (side == null && !c.has("side")) {
      c.problem(c.path("side"), "required: canary, stable or both");
    }
    int from = c.has("from") ? seconds(c, "from", Duration.ZERO, 0, total) : 0;
    int to = c.has("to") ? seconds(c, "to", Duration.ZERO, 0, total) : Integer.MAX_VALUE;
    if (to <= from) {
      c.problem(c.path("to"), "must be after from");
    }
    boolean afterShift = c.flag("afterShift", false);
    Set<Integer> ws = c.has("windows") ? windows(c, "windows", windows) : null;
    int fromWeight =
        c.has("fromWeight")
            ? (int) Math.round(bounded(c, "fromWeight", c.string("fromWeight"), 0, 100))
            : 0;
    int on = 0;
    int every = 0;
    YamlObject burst = c.object("burst");
    if (burst.present()) {
      on = seconds(burst, "on", Duration.ofSeconds(20), Traffic.SLICE_SECONDS, total);
      every = seconds(burst, "every", Duration.ofSeconds(60), Traffic.SLICE_SECONDS, total);
      if (on >= every) {
        burst.problem(burst.path("on"), "must be shorter than every");
      }
      burst.rejectUnknown();
    }
    Scenario.Patch patch = patch(c, true);
    c.rejectUnknown();
    return new Scenario.Change(
        side == null ? Scenario.Side.CANARY : side,
        from,
        to,
        afterShift,
        ws,
        fromWeight,
        on,
        every,
        patch);
  }

  private static Set<Integer> windows(YamlObject o, String key, int count) {
    Set<Integer> out = new LinkedHashSet<>();
    List<String> texts = o.strings(key);
    for (int i = 0; i < texts.size(); i++) {
      out.add((int) Math.round(bounded(o, key + "[" + i + "]", texts.get(i), 0, count - 1)));
    }
    return Collections.unmodifiableSet(out);
  }

  private static double bounded(YamlObject o, String key, String text, double min, double max) {
    double v;
    try {
      v = Double.parseDouble(text == null ? "" : text.trim());
    } catch (NumberFormatException e) {
      o.problem(o.path(key), "'" + text + "' is not a number");
      return min;
    }
    if (!(v >= min && v <= max)) {
      o.problem(o.path(key), text + " is outside " + fmt(min) + " to " + fmt(max));
      return min;
    }
    return v;
  }

  private static double positive(YamlObject o, String key) {
    return bounded(o, key, o.string(key), 0.001, 1000);
  }

  private static double ratio(YamlObject o, String key, double fallback, double min, double max) {
    double v = o.value(key, fallback, MetricUnit.RATIO::parse);
    if (!(v >= min && v <= max)) {
      o.problem(
          o.path(key),
          MetricUnit.RATIO.format(v)
              + " is outside "
              + MetricUnit.RATIO.format(min)
              + " to "
              + MetricUnit.RATIO.format(max));
      return fallback;
    }
    return v;
  }

  /** Whole seconds, a multiple of {@link Traffic#SLICE_SECONDS}, from min to max. */
  private static int seconds(YamlObject o, String key, Duration fallback, int min, int max) {
    Duration d = o.duration(key, fallback);
    long ms = d.toMillis();
    if (ms % (Traffic.SLICE_SECONDS * 1000L) != 0) {
      o.problem(
          o.path(key),
          Quantities.format(d) + " is not a multiple of " + Traffic.SLICE_SECONDS + "s");
      return min;
    }
    long s = ms / 1000;
    if (s < min || s > max) {
      o.problem(o.path(key), Quantities.format(d) + " is outside " + min + "s to " + max + "s");
      return min;
    }
    return (int) s;
  }

  /** A duration in seconds as a double (latency), from min to max seconds. */
  private static double seconds(
      YamlObject o, String key, Duration fallback, double min, double max) {
    double s = o.duration(key, fallback).toNanos() / 1e9;
    if (!(s >= min && s <= max)) {
      o.problem(o.path(key), s + "s is outside " + fmt(min) + "s to " + fmt(max) + "s");
      return fallback.toNanos() / 1e9;
    }
    return s;
  }

  private static String fmt(double v) {
    return MetricUnit.NUMBER.format(v);
  }
}
