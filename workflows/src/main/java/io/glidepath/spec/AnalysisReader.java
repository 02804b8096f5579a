package io.glidepath.spec;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.Comparison;
import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.OutcomePolicy;
import io.glidepath.model.QuerySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code analysis}: the check settings and the queries, each over the built-in query of its
 * name, and the limits stages and preflight set on those queries, each in its query's unit.
 */
final class AnalysisReader {
  private AnalysisReader() {}

  static AnalysisSpec analysis(YamlObject o) {
    return analysis(o, false);
  }

  /**
   * As {@link #analysis(YamlObject)}; in a flag release ({@code flag}) the built-in queries are
   * {@link Defaults#FLAG_QUERIES}, which judge users by the flag's variant.
   */
  static AnalysisSpec analysis(YamlObject o, boolean flag) {
    Map<String, QuerySpec> queries = new LinkedHashMap<>();
    (flag ? Defaults.FLAG_QUERIES : Defaults.QUERIES).forEach(q -> queries.put(q.name(), q));
    for (YamlObject q : o.objects("queries", "name")) {
      String name = q.string("name");
      QuerySpec base = name == null ? null : queries.get(name);
      MetricUnit unit =
          q.choice("unit", MetricUnit.class, base == null ? MetricUnit.NUMBER : base.unit());
      QuerySpec spec =
          new QuerySpec(
              name,
              q.has("query") ? q.string("query") : base == null ? null : base.query(),
              unit,
              q.choice("failWhen", FailWhen.class, base == null ? FailWhen.ABOVE : base.failWhen()),
              q.value("threshold", base == null ? null : base.threshold(), unit::parse),
              q.integer("failureLimit", base == null ? null : base.failureLimit()),
              comparison(q.object("compare"), unit, base == null ? null : base.compare()),
              q.number("maxIncrease", base == null ? null : base.maxIncrease()));
      q.rejectUnknown();
      if (name == null) {
        q.problem(q.path("name"), "every query needs a name; stages refer to it in thresholds");
      } else {
        queries.put(name, spec);
      }
    }
    JudgeKind judge = o.choice("judge", JudgeKind.class, JudgeKind.THRESHOLD);
    AnalysisSpec spec =
        new AnalysisSpec(
            o.duration("interval", Defaults.CHECK_INTERVAL),
            o.integer("failureLimit", Defaults.FAILURE_LIMIT),
            o.choice("noData", OutcomePolicy.class, OutcomePolicy.HOLD),
            o.integer("inconclusiveLimit", Defaults.INCONCLUSIVE_LIMIT),
            o.choice("onError", OutcomePolicy.class, OutcomePolicy.HOLD),
            o.integer("errorLimit", Defaults.ERROR_LIMIT),
            o.number("minRequestRate", Defaults.MIN_REQUEST_RATE),
            o.duration("maxWindow", Defaults.MAX_WINDOW),
            List.copyOf(queries.values()),
            judge,
            o.duration("warmup", Defaults.warmup(judge)));
    o.rejectUnknown();
    return spec;
  }

  private static Comparison comparison(YamlObject c, MetricUnit unit, Comparison fallback) {
    if (!c.present()) {
      return fallback;
    }
    Comparison comparison =
        new Comparison(c.number("factor", 2.0), c.value("floor", 0.0, unit::parse));
    c.rejectUnknown();
    return comparison;
  }

  /** Thresholds keyed by query name, each read in its query's unit. */
  static Map<String, Double> thresholds(
      YamlObject parent, AnalysisSpec analysis, Map<String, Double> fallback) {
    if (!parent.has("thresholds")) {
      return fallback;
    }
    YamlObject t = parent.object("thresholds");
    if (t.present() && t.keys().isEmpty()) {
      // Clearing the mapping must not switch this step's checks off in silence.
      t.problem(
          t.path(),
          "an empty mapping would drop every check this step is judged by; leave thresholds"
              + " out for the defaults (the seed's row for a stage), or name the checks, e.g."
              + " {error-rate: 1%}");
    }
    return limits(t, analysis);
  }

  /** A mapping of query names to limits, each read in its query's unit. */
  static Map<String, Double> limits(YamlObject t, AnalysisSpec analysis) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : t.keys()) {
      QuerySpec q = analysis.query(name);
      if (q == null) {
        t.string(name);
        t.problem(
            t.path(name),
            "no query is called '"
                + name
                + "'; use one of "
                + String.join(", ", analysis.queries().stream().map(QuerySpec::name).toList())
                + " or add it under analysis.queries");
        continue;
      }
      Double v = t.value(name, null, q.unit()::parse);
      if (v != null) {
        out.put(name, v);
      }
    }
    return out;
  }
}
