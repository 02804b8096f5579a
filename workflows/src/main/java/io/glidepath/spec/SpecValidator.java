package io.glidepath.spec;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.Bounds;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.NotificationSpec;
import io.glidepath.model.Quantities;
import io.glidepath.model.QuerySpec;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RollingSpec;
import io.glidepath.model.RolloutPolicy;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.status.Identities;
import io.glidepath.status.MessageLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the meaning of a release spec and returns every problem, each with the field path, the bad
 * value and the fix. Pure and deterministic: the release workflow runs it again on its input.
 */
public final class SpecValidator {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern IMAGE =
      Pattern.compile(
          "[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*|file:/\\S+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern COUNT_OR_PERCENT = Pattern.compile("\\d+%?");

  /** Placeholders a query template may use. */
  public static final Set<String> PLACEHOLDERS =
      Set.of("service", "region", "version", "stable_version", "window");

  /**
   * Bounds that depend on what a release moves. Real releases observe each region of a delayed
   * rollout for 30m to 4h (SPEC S1); the sandbox, which moves no real traffic, lets a demo wait
   * seconds between regions.
   */
  public enum Limits {
    RELEASE(Defaults.MIN_DELAY, "a real release's"),
    SANDBOX(Duration.ofSeconds(5), "the sandbox's");

    final Duration minDelay;
    private final String whose;

    Limits(Duration minDelay, String whose) {
      this.minDelay = minDelay;
      this.whose = whose;
    }

    /**
     * The limits as applied to {@code spec}, for people: {@code a real release's limits:
     * rollout.delay 30m to 4h}, with the spec's own widening when it has one.
     */
    public String describe(RolloutPolicy rollout) {
      return whose
          + " limits: rollout.delay "
          + Quantities.format(minDelay)
          + " to "
          + Quantities.format(rollout.delayCeiling())
          + (rollout.maxDelay() == null ? "" : " (widened by rollout.maxDelay)");
    }
  }

  private final List<SpecProblem> problems = new ArrayList<>();
  private final Limits limits;

  private SpecValidator(Limits limits) {
    this.limits = limits;
  }

  /** Every problem with {@code spec}; empty when it may start. */
  public static List<SpecProblem> validate(ReleaseSpec spec) {
    return validate(spec, Limits.RELEASE);
  }

  /** Every problem with {@code spec} within {@code limits}. */
  public static List<SpecProblem> validate(ReleaseSpec spec, Limits limits) {
    SpecValidator v = new SpecValidator(limits);
    v.release(spec);
    return List.copyOf(v.problems);
  }

  /** Throws {@link InvalidSpecException} listing every problem, if there is any. */
  public static void check(ReleaseSpec spec, String source) {
    check(spec, source, Limits.RELEASE);
  }

  /** Throws {@link InvalidSpecException} listing every problem within {@code limits}. */
  public static void check(ReleaseSpec spec, String source, Limits limits) {
    List<SpecProblem> found = validate(spec, limits);
    if (!found.isEmpty()) {
      throw new InvalidSpecException(source, found);
    }
  }

  /** Records one problem per field: the first is the root cause, later ones would repeat it. */
  private void problem(String path, String message) {
    if (problems.stream().noneMatch(p -> p.path().equals(path))) {
      problems.add(new SpecProblem(path, message));
    }
  }

  private void release(ReleaseSpec s) {
    if (blank(s.service())) {
      problem("service", "required; name the service, e.g. service: checkout");
    } else if (!DNS_LABEL.matcher(s.service()).matches() || s.service().length() > 40) {
      problem(
          "service",
          "'"
              + s.service()
              + "' must be lower-case letters, digits and '-', at most 40 characters; it names"
              + " workflows and Kubernetes objects");
    }
    if (blank(s.version())) {
      problem("version", "required; give the version being released, e.g. version: 2.4.0");
    }
    if (blank(s.image())) {
      problem(
          "image", "required; give the image to deploy, e.g. image: ghcr.io/acme/checkout:2.4.0");
    } else if (!IMAGE.matcher(s.image()).matches()) {
      problem(
          "image",
          "'"
              + s.image()
              + "' has no tag or digest; pin it, e.g. "
              + s.image()
              + ":"
              + (blank(s.version()) ? "2.4.0" : s.version()));
    }
    regions(s);
    rollout(s.rollout());
    strategy(s.strategy(), s.analysis());
    analysis(s.analysis());
    approval(s);
    within("soak", s.soak(), Duration.ZERO, Bounds.MAX_SOAK, "soak: 24h");
    notifications(s.notifications());
    ControlRules.check(s, this::problem);
    ScheduleRules.check(s, this::problem);
  }

  private void regions(ReleaseSpec s) {
    if (s.regions().isEmpty()) {
      problem("regions", "required; list at least one region with name, cluster, namespace");
      return;
    }
    if (s.regions().size() > Bounds.MAX_REGIONS) {
      problem(
          "regions",
          s.regions().size()
              + " regions are more than "
              + Bounds.MAX_REGIONS
              + "; split the release");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.regions().size(); i++) {
      RegionSpec r = s.regions().get(i);
      String at = "regions[" + i + "]";
      if (blank(r.name())) {
        problem(at + ".name", "required; e.g. name: us-east");
      } else if (!DNS_LABEL.matcher(r.name()).matches()) {
        problem(at + ".name", "'" + r.name() + "' must be lower-case letters, digits and '-'");
      } else if (!seen.add(r.name())) {
        problem(at + ".name", "'" + r.name() + "' appears twice; each region name must be unique");
      }
      if (blank(r.cluster())) {
        problem(at + ".cluster", "required; a kubeconfig context, or in-cluster");
      }
      if (blank(r.namespace())) {
        problem(at + ".namespace", "required; the Kubernetes namespace of the service");
      }
      if (r.deployment() == null || blank(r.deployment().stable())) {
        problem(
            at + ".deployment.stable",
            "required; name the Deployment that serves the stable version");
      }
      traffic(at + ".traffic", r, s.strategy());
      if (r.smokeChecks().size() > Bounds.MAX_SMOKE_CHECKS) {
        problem(
            at + ".smokeChecks",
            r.smokeChecks().size() + " smoke checks are more than " + Bounds.MAX_SMOKE_CHECKS);
      }
      for (int j = 0; j < r.smokeChecks().size(); j++) {
        String url = r.smokeChecks().get(j);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          // The value is not echoed: a mistyped entry may be a credential.
          problem(at + ".smokeChecks[" + j + "]", "must be an http:// or https:// URL");
        }
      }
    }
  }

  private void traffic(String at, RegionSpec r, StrategySpec strategy) {
    TrafficRouterType type = r.traffic() == null ? null : r.traffic().type();
    if (type == null) {
      problem(
          at + ".type",
          "required; one of " + String.join(", ", YamlObject.spellings(TrafficRouterType.class)));
      return;
    }
    for (String key : type.requiredSettings()) {
      if (blank(r.traffic().settings().get(key))) {
        problem(at + "." + key, "required by traffic type " + type.id());
      }
    }
    if (strategy == null) {
      return;
    }
    if (strategy.type() == StrategyType.CANARY && !type.weighted()) {
      problem(
          at + ".type",
          type.id()
              + " only switches all traffic at once, but canary stages need weights; use"
              + " gateway-api, nginx-canary, replica-ratio, cloudflare-origin-weight or"
              + " cloudflare-pool-weight, or strategy blueGreen");
    }
    if (type == TrafficRouterType.NONE && strategy.type() != StrategyType.ROLLING) {
      problem(at + ".type", "none moves no traffic, so only strategy rolling can use it");
    }
  }

  private void rollout(RolloutPolicy p) {
    if (p.maxDelay() != null
        && (p.maxDelay().compareTo(Defaults.MAX_DELAY) <= 0
            || p.maxDelay().compareTo(Defaults.MAX_WIDENED_DELAY) > 0)) {
      problem(
          "rollout.maxDelay",
          Quantities.format(p.maxDelay())
              + " does not widen anything: it raises the longest rollout.delay from 4h, so give"
              + " more than 4h and at most "
              + Quantities.format(Defaults.MAX_WIDENED_DELAY)
              + ", or remove it");
    }
    if (p.mode() != RegionMode.DELAYED) {
      if (p.delay() != null) {
        problem(
            "rollout.delay",
            "only the delayed mode waits between regions; set mode: delayed or remove the delay");
      }
      return;
    }
    Duration d = p.delay();
    Duration ceiling = p.delayCeiling();
    if (d != null && d.compareTo(limits.minDelay) >= 0 && d.compareTo(ceiling) <= 0) {
      return;
    }
    String range = Quantities.format(limits.minDelay) + " to " + Quantities.format(ceiling);
    String fix = "";
    if (d != null && d.compareTo(ceiling) > 0 && p.maxDelay() == null) {
      fix = "; to wait longer on purpose, widen the range with rollout.maxDelay (up to 14d)";
    } else if (limits == Limits.RELEASE
        && d != null
        && d.compareTo(Limits.SANDBOX.minDelay) >= 0
        && d.compareTo(limits.minDelay) < 0) {
      fix =
          "; a shorter delay is for the sandbox only, which moves no real traffic"
              + " (glidepath release start --sandbox on the dev stack)";
    }
    problem(
        "rollout.delay",
        Quantities.format(d)
            + " is outside "
            + range
            + "; the delayed mode observes each region for "
            + range
            + " (default 90m)"
            + fix);
  }

  private void strategy(StrategySpec s, AnalysisSpec analysis) {
    switch (s.type()) {
      case CANARY -> canary(s.canary(), analysis);
      case BLUE_GREEN -> blueGreen(s.blueGreen(), analysis);
      case ROLLING -> rolling(s.rolling(), analysis);
    }
  }

  private void canary(CanarySpec c, AnalysisSpec analysis) {
    List<StageSpec> stages = c.stages();
    if (stages.isEmpty()) {
      problem("strategy.canary.stages", "list at least one stage, the last at 100%");
      return;
    }
    if (stages.size() > Bounds.MAX_STAGES) {
      problem(
          "strategy.canary.stages",
          stages.size()
              + " stages are more than "
              + Bounds.MAX_STAGES
              + "; use fewer, longer ones");
    }
    for (int i = 0; i < stages.size(); i++) {
      StageSpec st = stages.get(i);
      String at = "strategy.canary.stages[" + i + "]";
      if (st.weight() < 1 || st.weight() > 100) {
        problem(at + ".weight", st.weight() + " is outside 1 to 100; weights are percentages");
      } else if (i > 0 && st.weight() <= stages.get(i - 1).weight()) {
        problem(
            at + ".weight",
            st.weight()
                + " is "
                + (st.weight() == stages.get(i - 1).weight() ? "equal to" : "below")
                + " the previous stage's "
                + stages.get(i - 1).weight()
                + "; weights must increase");
      }
      if (within(at + ".hold", st.hold(), Duration.ofMillis(1), Bounds.MAX_HOLD, "hold: 5m")
          && analysis.interval() != null
          && st.hold().compareTo(analysis.interval()) < 0) {
        problem(
            at + ".hold",
            Quantities.format(st.hold())
                + " is shorter than analysis.interval "
                + Quantities.format(analysis.interval())
                + ", so no check would run in it; hold at least one interval");
      }
      thresholds(at + ".thresholds", st.thresholds(), analysis);
    }
    int last = stages.get(stages.size() - 1).weight();
    if (last != 100) {
      problem(
          "strategy.canary.stages[" + (stages.size() - 1) + "].weight",
          last + " ends the canary below 100; the last stage must send 100% to the new version");
    }
  }

  private void blueGreen(BlueGreenSpec b, AnalysisSpec analysis) {
    count(
        "strategy.blueGreen.healthCheckTries",
        b.healthCheckTries(),
        1,
        Bounds.MAX_HEALTH_CHECK_TRIES);
    within(
        "strategy.blueGreen.healthCheckInterval",
        b.healthCheckInterval(),
        Bounds.MIN_INTERVAL,
        Bounds.MAX_HEALTH_CHECK_INTERVAL,
        "healthCheckInterval: 10s");
    within(
        "strategy.blueGreen.rollbackWindow",
        b.rollbackWindow(),
        Duration.ZERO,
        Bounds.MAX_ROLLBACK_WINDOW,
        "rollbackWindow: 30m");
    thresholds("strategy.blueGreen.thresholds", b.thresholds(), analysis);
  }

  private void rolling(RollingSpec r, AnalysisSpec analysis) {
    boolean surge = COUNT_OR_PERCENT.matcher(r.maxSurge()).matches();
    boolean unavailable = COUNT_OR_PERCENT.matcher(r.maxUnavailable()).matches();
    if (!surge) {
      problem(
          "strategy.rolling.maxSurge", "'" + r.maxSurge() + "' must be a count or a percentage");
    }
    if (!unavailable) {
      problem(
          "strategy.rolling.maxUnavailable",
          "'" + r.maxUnavailable() + "' must be a count or a percentage");
    }
    if (surge && unavailable && zero(r.maxSurge()) && zero(r.maxUnavailable())) {
      problem(
          "strategy.rolling.maxUnavailable",
          "maxSurge and maxUnavailable are both 0, so no pod could ever be replaced; raise one");
    }
    within("strategy.rolling.hold", r.hold(), Duration.ZERO, Bounds.MAX_ROLLING_HOLD, "hold: 10m");
    thresholds("strategy.rolling.thresholds", r.thresholds(), analysis);
  }

  private void thresholds(String at, Map<String, Double> thresholds, AnalysisSpec analysis) {
    thresholds.forEach(
        (name, value) -> {
          QuerySpec q = analysis.query(name);
          bounded(at + "." + name, value, q == null ? MetricUnit.NUMBER : q.unit());
        });
  }

  /**
   * A threshold or floor in its query's unit: a rate from 0 to 100% (above 100% no check could ever
   * fail), a latency up to {@link Bounds#MAX_LATENCY}, a finite number otherwise.
   */
  private void bounded(String at, Double value, MetricUnit unit) {
    if (value == null || !Double.isFinite(value) || value < 0) {
      problem(at, "must be a number of 0 or more");
      return;
    }
    switch (unit) {
      case RATIO -> {
        if (value > Bounds.MAX_RATE) {
          problem(
              at,
              unit.format(value)
                  + " is above 100%; rates run from 0 to 100%, so this limit could never be"
                  + " crossed and would switch the check off");
        }
      }
      case SECONDS -> {
        if (value > Bounds.MAX_LATENCY.toSeconds()) {
          problem(
              at,
              unit.format(value)
                  + " is above "
                  + Quantities.format(Bounds.MAX_LATENCY)
                  + "; a"
                  + " latency limit that long never fails");
        }
      }
      case NUMBER -> {
        if (value > Bounds.MAX_NUMBER) {
          problem(at, "is above " + MetricUnit.NUMBER.format(Bounds.MAX_NUMBER));
        }
      }
    }
  }

  /** Checks {@code d} lies in {@code min..max}; returns whether it does. */
  private boolean within(String at, Duration d, Duration min, Duration max, String example) {
    if (d == null) {
      problem(at, "required, e.g. " + example);
      return false;
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      problem(
          at,
          show(d)
              + " is outside "
              + (min.isZero() || min.equals(Duration.ofMillis(1)) ? "0s" : days(min))
              + (min.equals(Duration.ofMillis(1)) ? " (exclusive)" : "")
              + " to "
              + days(max)
              + ", e.g. "
              + example);
      return false;
    }
    return true;
  }

  /** Checks a count lies in {@code min..max}. */
  private void count(String at, int n, int min, int max) {
    if (n < min || n > max) {
      problem(at, n + " is outside " + min + " to " + max);
    }
  }

  /** A bound as a spec writes it: whole days as {@code 14d}, else like {@code 30m}. */
  private static String days(Duration d) {
    return d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))
        ? d.toDays() + "d"
        : Quantities.format(d);
  }

  private static String show(Duration d) {
    return d.compareTo(Duration.ofDays(3650)) > 0
        ? "a duration of over ten years"
        : Quantities.format(d);
  }

  private void analysis(AnalysisSpec a) {
    boolean interval =
        within(
            "analysis.interval",
            a.interval(),
            Bounds.MIN_INTERVAL,
            Bounds.MAX_INTERVAL,
            "interval: 10s");
    count("analysis.failureLimit", a.failureLimit(), 1, Bounds.MAX_CHECK_LIMIT);
    count("analysis.inconclusiveLimit", a.inconclusiveLimit(), 0, Bounds.MAX_CHECK_LIMIT);
    count("analysis.errorLimit", a.errorLimit(), 0, Bounds.MAX_CHECK_LIMIT);
    if (!Double.isFinite(a.minRequestRate())
        || a.minRequestRate() < 0
        || a.minRequestRate() > Bounds.MAX_MIN_REQUEST_RATE) {
      problem(
          "analysis.minRequestRate",
          "must be a number from 0 to "
              + MetricUnit.NUMBER.format(Bounds.MAX_MIN_REQUEST_RATE)
              + " requests per second");
    }
    if (within(
            "analysis.maxWindow",
            a.maxWindow(),
            Bounds.MIN_INTERVAL,
            Bounds.MAX_WINDOW,
            "maxWindow: 1h")
        && interval
        && a.maxWindow().compareTo(a.interval()) < 0) {
      problem("analysis.maxWindow", "must be at least analysis.interval, e.g. 1h");
    }
    if (a.queries().size() > Bounds.MAX_QUERIES) {
      problem(
          "analysis.queries", a.queries().size() + " queries are more than " + Bounds.MAX_QUERIES);
    }
    for (int i = 0; i < a.queries().size(); i++) {
      QuerySpec q = a.queries().get(i);
      String at = "analysis.queries[" + q.name() + "]";
      if (blank(q.query())) {
        problem(at + ".query", "required; give the PromQL for '" + q.name() + "'");
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(q.query());
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          problem(
              at + ".query",
              "unknown placeholder {{"
                  + m.group(1)
                  + "}}; use service, region, version, stable_version or window");
        }
      }
      if (q.compare() != null) {
        if (q.failWhen() != FailWhen.ABOVE) {
          problem(
              at + ".compare",
              "only queries that fail above a threshold can be compared with stable; remove"
                  + " compare or use failWhen: above");
        }
        if (!(q.compare().factor() >= 1 && q.compare().factor() <= Bounds.MAX_COMPARE_FACTOR)) {
          problem(
              at + ".compare.factor",
              MetricUnit.NUMBER.format(q.compare().factor())
                  + " is outside 1 to "
                  + MetricUnit.NUMBER.format(Bounds.MAX_COMPARE_FACTOR)
                  + ": how many times stable's value is allowed");
        }
        bounded(at + ".compare.floor", q.compare().floor(), q.unit());
      }
      if (q.threshold() != null) {
        bounded(at + ".threshold", q.threshold(), q.unit());
      }
      if (q.failureLimit() != null) {
        count(at + ".failureLimit", q.failureLimit(), 1, Bounds.MAX_CHECK_LIMIT);
      }
      if (q.maxIncrease() != null
          && !(q.maxIncrease() >= 1 && q.maxIncrease() <= Bounds.MAX_COMPARE_FACTOR)) {
        problem(
            at + ".maxIncrease",
            MetricUnit.NUMBER.format(q.maxIncrease())
                + " is outside 1 to "
                + MetricUnit.NUMBER.format(Bounds.MAX_COMPARE_FACTOR)
                + ": how many times stable's value the statistical judge allows, e.g. 1.5");
      }
    }
  }

  private void approval(ReleaseSpec s) {
    ApprovalPolicy p = s.approval();
    boolean stageGates =
        s.strategy().type() == StrategyType.CANARY
            && s.strategy().canary().stages().stream().anyMatch(StageSpec::gate);
    within(
        "approval.timeout",
        p.timeout(),
        Bounds.MIN_INTERVAL,
        Bounds.MAX_APPROVAL_TIMEOUT,
        "timeout: 24h");
    Set<String> approvers = new HashSet<>();
    new TreeMap<>(p.approvers())
        .forEach(
            (who, roles) -> {
              String at = "approval.approvers." + who;
              MessageLimits.identityProblem(who)
                  .ifPresent(why -> problem(at, "the approver's name " + why));
              if (!approvers.add(Identities.normalize(who))) {
                problem(
                    at,
                    "names the same approver as another entry (names are compared trimmed and"
                        + " in lower case); keep one");
              }
              if (roles.isEmpty()) {
                problem(at, "give the approver's roles, e.g. [sre]");
              }
            });
    if (p.gates().isEmpty() && !stageGates) {
      return;
    }
    new TreeMap<>(p.required())
        .forEach(
            (role, count) -> {
              if (count < 1 || count > Bounds.MAX_APPROVALS) {
                problem(
                    "approval.required." + role,
                    count + " is outside 1 to " + Bounds.MAX_APPROVALS);
              } else if (!p.approvers().isEmpty()) {
                long holders =
                    p.approvers().values().stream().filter(roles -> roles.contains(role)).count();
                if (holders < count) {
                  problem(
                      "approval.required." + role,
                      count
                          + " approvals need "
                          + count
                          + " approvers with role "
                          + role
                          + ", but approval.approvers lists "
                          + holders
                          + "; add approvers or lower the count");
                }
              }
            });
  }

  private void notifications(NotificationSpec n) {
    secret("notifications.slack.successes", n.slackSuccesses());
    secret("notifications.slack.incidents", n.slackIncidents());
    secret("notifications.teams", n.teams());
    secret("notifications.grafana.token", n.grafanaToken());
  }

  private void secret(String at, String name) {
    if (name == null) {
      return;
    }
    if (!SECRET_NAME.matcher(name).matches()) {
      // Never echo the value: it may be the secret itself.
      problem(
          at,
          "must name the secret that holds it (an environment variable such as"
              + " SLACK_INCIDENTS_WEBHOOK, or file:/path), never the URL or token itself");
    }
  }

  private static boolean zero(String countOrPercent) {
    return countOrPercent.replace("%", "").matches("0+");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
