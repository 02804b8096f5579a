package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.ApprovalGate;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Comparison;
import io.glidepath.model.Defaults;
import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.Escalation;
import io.glidepath.model.FailWhen;
import io.glidepath.model.HookSpec;
import io.glidepath.model.JudgeKind;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.NotificationSpec;
import io.glidepath.model.OutcomePolicy;
import io.glidepath.model.QuerySpec;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RollbackMode;
import io.glidepath.model.RollingSpec;
import io.glidepath.model.RolloutPolicy;
import io.glidepath.model.ScheduleSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a release spec from YAML into immutable records, filling the seed defaults, then validates
 * it. Every problem, of form or of meaning, is reported in one {@link InvalidSpecException}.
 */
public final class SpecParser {
  private SpecParser() {}

  /** Reads and validates the spec in {@code file}. */
  public static ReleaseSpec load(Path file) {
    return load(file, SpecValidator.Limits.RELEASE);
  }

  /** Reads the spec in {@code file} and validates it within {@code limits}. */
  public static ReleaseSpec load(Path file, SpecValidator.Limits limits) {
    return load(file, UnaryOperator.identity(), limits);
  }

  /**
   * Reads the spec in {@code file}, lets {@code edit} change its tree (every scalar a text node, as
   * written), then validates it within {@code limits}: how a CI job's overrides are applied.
   */
  public static ReleaseSpec load(
      Path file, UnaryOperator<ObjectNode> edit, SpecValidator.Limits limits) {
    String source = file.toString();
    JsonNode root = tree(read(file), source);
    if (root instanceof ObjectNode o) {
      root = edit.apply(o);
    }
    return build(root, source, limits);
  }

  /** Reads and validates a spec given as YAML text; {@code source} names it in messages. */
  public static ReleaseSpec parse(String yaml, String source) {
    return parse(yaml, source, SpecValidator.Limits.RELEASE);
  }

  /** Reads a spec given as YAML text and validates it within {@code limits}. */
  public static ReleaseSpec parse(String yaml, String source, SpecValidator.Limits limits) {
    return build(tree(yaml, source), source, limits);
  }

  private static String read(Path file) {
    try {
      return YamlText.decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw fileProblem(file, "no such file; check the path (-f names the release spec)");
    } catch (AccessDeniedException e) {
      throw fileProblem(file, "cannot be read: permission denied");
    } catch (IOException e) {
      throw fileProblem(
          file,
          Files.isDirectory(file)
              ? "is a directory; name the spec file in it"
              : "cannot be read: " + e.getClass().getSimpleName());
    } catch (YamlText.YamlProblem e) {
      throw fileProblem(file, e.getMessage());
    }
  }

  private static InvalidSpecException fileProblem(Path file, String message) {
    return new InvalidSpecException(
        file.toString(), List.of(new SpecProblem("", file + " " + message)));
  }

  private static JsonNode tree(String yaml, String source) {
    try {
      return YamlText.read(yaml, source);
    } catch (YamlText.YamlProblem e) {
      String name = source == null ? "the spec" : source;
      throw new InvalidSpecException(
          source, List.of(new SpecProblem("", name + " " + e.getMessage())));
    }
  }

  private static ReleaseSpec build(JsonNode root, String source, SpecValidator.Limits limits) {
    List<SpecProblem> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      problems.add(
          new SpecProblem(
              "", "the spec must be a YAML mapping of service, version, image, regions..."));
      throw new InvalidSpecException(source, problems);
    }
    ReleaseSpec spec = read(new YamlObject(root, "", problems));
    Set<String> reported = new java.util.HashSet<>();
    problems.forEach(p -> reported.add(p.path()));
    for (SpecProblem p : SpecValidator.validate(spec, limits)) {
      if (reported.stream().noneMatch(r -> p.path().equals(r) || p.path().startsWith(r + "."))) {
        problems.add(p);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(source, problems);
    }
    return spec;
  }

  private static ReleaseSpec read(YamlObject root) {
    String service = root.string("service");
    String version = root.string("version");
    String image = root.string("image");
    List<RegionSpec> regions = root.objects("regions").stream().map(SpecParser::region).toList();
    RolloutPolicy rollout = rollout(root.object("rollout"));
    AnalysisSpec analysis = analysis(root.object("analysis"));
    StrategySpec strategy = strategy(root.object("strategy"), analysis);
    ApprovalPolicy approval = approval(root.object("approval"));
    Duration soak = root.duration("soak", Defaults.SOAK);
    NotificationSpec notifications = notifications(root.object("notifications"));
    List<HookSpec> hooks = root.objects("hooks", "name").stream().map(SpecParser::hook).toList();
    YamlObject pre = root.object("preflight");
    Map<String, Double> preflight = limits(pre.object("checks"), analysis);
    pre.rejectUnknown();
    ScheduleSpec schedule = schedule(root.object("schedule"));
    root.rejectUnknown();
    return new ReleaseSpec(
        service,
        version,
        image,
        regions,
        rollout,
        strategy,
        analysis,
        approval,
        soak,
        notifications,
        hooks,
        preflight,
        schedule);
  }

  private static ScheduleSpec schedule(YamlObject o) {
    String zone = o.string("zone");
    List<ScheduleSpec.Window> windows = new ArrayList<>();
    for (YamlObject w : o.objects("windows")) {
      List<java.time.DayOfWeek> days = ScheduleRules.days(w.string("days"));
      if (days == null) {
        w.problem(
            w.path("days"),
            "give days as Mon-Fri, Sat,Sun, Mon or daily (three-letter English day names)");
      }
      String windowZone = w.string("zone");
      windows.add(
          new ScheduleSpec.Window(
              days,
              w.string("from"),
              w.string("to"),
              windowZone != null ? windowZone : zone != null ? zone : "UTC"));
      w.rejectUnknown();
    }
    List<ScheduleSpec.Freeze> freezes = new ArrayList<>();
    for (YamlObject f : o.objects("freezes")) {
      freezes.add(new ScheduleSpec.Freeze(f.string("from"), f.string("to"), f.string("reason")));
      f.rejectUnknown();
    }
    if (zone == null && !windows.isEmpty()) {
      zone = windows.get(0).zone();
    }
    ScheduleSpec schedule = new ScheduleSpec(zone, windows, freezes);
    o.rejectUnknown();
    return schedule;
  }

  private static HookSpec hook(YamlObject h) {
    HookSpec hook =
        new HookSpec(
            h.string("name"),
            h.choice("at", HookSpec.HookPoint.class, null),
            hookAction(h),
            h.has("undo") ? undo(h.object("undo")) : null,
            h.choice("onFailure", HookSpec.HookFailure.class, HookSpec.HookFailure.ROLLBACK));
    h.rejectUnknown();
    return hook;
  }

  private static HookSpec.Action undo(YamlObject u) {
    HookSpec.Action action = hookAction(u);
    u.rejectUnknown();
    return action;
  }

  /** The job or http of a hook or its undo; the validator checks that exactly one is given. */
  private static HookSpec.Action hookAction(YamlObject o) {
    HookSpec.Job job = null;
    if (o.has("job")) {
      YamlObject j = o.object("job");
      job =
          new HookSpec.Job(
              j.string("image"), j.strings("args"), j.duration("timeout", Defaults.HOOK_TIMEOUT));
      j.rejectUnknown();
    }
    HookSpec.Http http = null;
    if (o.has("http")) {
      YamlObject x = o.object("http");
      http =
          new HookSpec.Http(
              x.string("url"),
              x.value("method", "POST", m -> m.toUpperCase(java.util.Locale.ROOT)),
              x.integer("expect", 200));
      x.rejectUnknown();
    }
    return new HookSpec.Action(job, http);
  }

  private static RegionSpec region(YamlObject r) {
    String name = r.string("name");
    String cluster = r.string("cluster");
    String namespace = r.string("namespace");
    YamlObject d = r.object("deployment");
    DeploymentTarget deployment =
        new DeploymentTarget(d.string("stable"), d.string("canary"), d.string("container"));
    d.rejectUnknown();
    YamlObject t = r.object("traffic");
    TrafficRouterType type = t.choice("type", TrafficRouterType.class, null);
    Map<String, String> settings = t.rest(Set.of("type"));
    if (type != null) {
      for (String key : settings.keySet()) {
        if (!type.knownSettings().contains(key)) {
          t.problem(
              t.path(key),
              "unknown setting of traffic type "
                  + type.id()
                  + YamlObject.closest(key, type.knownSettings())
                      .map(best -> "; did you mean '" + best + "'?")
                      .orElse("")
                  + (type.knownSettings().isEmpty()
                      ? "; it takes no settings"
                      : "; its settings are " + String.join(", ", type.knownSettings())));
        }
      }
    }
    TrafficTarget traffic = new TrafficTarget(type, settings);
    List<String> smoke = r.strings("smokeChecks");
    r.rejectUnknown();
    if (deployment.canary() == null && deployment.stable() != null) {
      deployment =
          new DeploymentTarget(
              deployment.stable(), deployment.stable() + "-canary", deployment.container());
    }
    return new RegionSpec(name, cluster, namespace, deployment, traffic, smoke);
  }

  private static RolloutPolicy rollout(YamlObject o) {
    RegionMode mode = o.choice("mode", RegionMode.class, RegionMode.SEQUENTIAL);
    Duration delay = o.duration("delay", mode == RegionMode.DELAYED ? Defaults.DELAY : null);
    RegionFailurePolicy onFailure =
        o.choice("onRegionFailure", RegionFailurePolicy.class, RegionFailurePolicy.HALT);
    Duration maxDelay = o.duration("maxDelay", null);
    o.rejectUnknown();
    return new RolloutPolicy(mode, delay, onFailure, maxDelay);
  }

  private static AnalysisSpec analysis(YamlObject o) {
    Map<String, QuerySpec> queries = new LinkedHashMap<>();
    Defaults.QUERIES.forEach(q -> queries.put(q.name(), q));
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
            o.choice("judge", JudgeKind.class, JudgeKind.THRESHOLD));
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

  private static final List<String> STRATEGIES = List.of("canary", "blueGreen", "rolling");

  private static StrategySpec strategy(YamlObject o, AnalysisSpec analysis) {
    List<String> chosen = new ArrayList<>();
    for (String key : o.keys()) {
      if (STRATEGIES.contains(key)) {
        chosen.add(key);
        continue;
      }
      o.seen(key);
      java.util.Optional<String> meant =
          STRATEGIES.stream()
              .filter(known -> known.equalsIgnoreCase(key.replace("-", "").replace("_", "")))
              .findFirst()
              .or(() -> YamlObject.closest(key, STRATEGIES));
      // Judge the rest of the spec by the strategy meant, so one typo gives one message.
      meant.ifPresent(chosen::add);
      String hint = meant.map(best -> "did you mean '" + best + "'? ").orElse("");
      o.problem(
          o.path(key),
          "unknown strategy; "
              + hint
              + "the strategies are canary, blueGreen and rolling (spelled exactly so)");
    }
    if (chosen.size() > 1) {
      o.problem(
          o.path(),
          "choose one strategy, got " + String.join(" and ", chosen) + "; keep only one of them");
    }
    StrategyType type =
        chosen.isEmpty()
            ? StrategyType.CANARY
            : switch (chosen.get(0)) {
              case "blueGreen" -> StrategyType.BLUE_GREEN;
              case "rolling" -> StrategyType.ROLLING;
              default -> StrategyType.CANARY;
            };
    StrategySpec spec =
        switch (type) {
          case CANARY -> {
            YamlObject c = o.object("canary");
            List<YamlObject> raw = c.objects("stages");
            List<StageSpec> stages =
                raw.isEmpty()
                    ? Defaults.CANARY_STAGES
                    : raw.stream().map(s -> stage(s, analysis)).toList();
            RollbackMode rollback =
                c.choice("rollback", RollbackMode.class, RollbackMode.IMMEDIATE);
            c.rejectUnknown();
            yield new StrategySpec(type, new CanarySpec(stages, rollback), null, null);
          }
          case BLUE_GREEN -> {
            YamlObject b = o.object("blueGreen");
            BlueGreenSpec bg =
                new BlueGreenSpec(
                    b.integer("healthCheckTries", Defaults.HEALTH_CHECK_TRIES),
                    b.duration("healthCheckInterval", Defaults.HEALTH_CHECK_INTERVAL),
                    b.duration("rollbackWindow", Defaults.ROLLBACK_WINDOW),
                    thresholds(b, analysis, Defaults.FINAL_THRESHOLDS));
            b.rejectUnknown();
            yield new StrategySpec(type, null, bg, null);
          }
          case ROLLING -> {
            YamlObject r = o.object("rolling");
            RollingSpec rolling =
                new RollingSpec(
                    r.value("maxSurge", "25%", String::valueOf),
                    r.value("maxUnavailable", "0", String::valueOf),
                    r.duration("hold", Defaults.ROLLING_HOLD),
                    thresholds(r, analysis, Defaults.FINAL_THRESHOLDS));
            r.rejectUnknown();
            yield new StrategySpec(type, null, null, rolling);
          }
        };
    o.rejectUnknown();
    return spec;
  }

  /** A canary stage; one that names no thresholds is judged by the seed's row for its weight. */
  private static StageSpec stage(YamlObject s, AnalysisSpec analysis) {
    int weight = s.has("weight") ? s.value("weight", 0, SpecParser::weight) : required(s, "weight");
    StageSpec stage =
        new StageSpec(
            weight,
            s.duration("hold", Duration.ofMinutes(5)),
            thresholds(s, analysis, Defaults.seedThresholds(weight)),
            s.flag("gate", false),
            s.string("at"));
    s.rejectUnknown();
    return stage;
  }

  private static int required(YamlObject s, String key) {
    s.problem(s.path(key), "required; the percentage of traffic at this stage, e.g. weight: 25%");
    return 0;
  }

  private static int weight(String text) {
    String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a weight; write a whole percentage like 25%");
    }
  }

  /** Thresholds keyed by query name, each read in its query's unit. */
  private static Map<String, Double> thresholds(
      YamlObject parent, AnalysisSpec analysis, Map<String, Double> fallback) {
    if (!parent.has("thresholds")) {
      return fallback;
    }
    return limits(parent.object("thresholds"), analysis);
  }

  /** A mapping of query names to limits, each read in its query's unit. */
  private static Map<String, Double> limits(YamlObject t, AnalysisSpec analysis) {
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

  private static ApprovalPolicy approval(YamlObject o) {
    List<ApprovalGate> gates = new ArrayList<>();
    for (String g : o.strings("gates")) {
      try {
        gates.add(YamlObject.choose(g, ApprovalGate.class));
      } catch (IllegalArgumentException e) {
        o.problem(o.path("gates"), e.getMessage());
      }
    }
    Map<String, Integer> required = new LinkedHashMap<>();
    YamlObject r = o.object("required");
    for (String role : r.keys()) {
      Integer n = r.integer(role, null);
      if (n != null) {
        required.put(role, n);
      }
    }
    Map<String, List<String>> approvers = new LinkedHashMap<>();
    YamlObject a = o.object("approvers");
    for (String who : a.keys()) {
      approvers.put(who, a.strings(who));
    }
    ApprovalPolicy policy =
        new ApprovalPolicy(
            gates,
            required,
            approvers,
            o.duration("timeout", Defaults.APPROVAL_TIMEOUT),
            o.choice("onTimeout", TimeoutOutcome.class, TimeoutOutcome.ABORT),
            o.objects("escalate").stream().map(SpecParser::escalation).toList());
    o.rejectUnknown();
    return policy;
  }

  private static Escalation escalation(YamlObject e) {
    Escalation escalation = new Escalation(e.duration("after", null), e.string("notify"));
    e.rejectUnknown();
    return escalation;
  }

  private static NotificationSpec notifications(YamlObject o) {
    YamlObject slack = o.object("slack");
    YamlObject grafana = o.object("grafana");
    NotificationSpec spec =
        new NotificationSpec(
            slack.string("successes"),
            slack.string("incidents"),
            o.string("teams"),
            grafana.string("token"));
    slack.rejectUnknown();
    grafana.rejectUnknown();
    o.rejectUnknown();
    return spec;
  }
}
