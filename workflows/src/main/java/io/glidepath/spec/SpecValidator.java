package io.glidepath.spec;

import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.BlueGreenSpec;
import io.glidepath.model.CanarySpec;
import io.glidepath.model.Defaults;
import io.glidepath.model.FailWhen;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    RELEASE(Defaults.MIN_DELAY),
    SANDBOX(Duration.ofSeconds(5));

    final Duration minDelay;

    Limits(Duration minDelay) {
      this.minDelay = minDelay;
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

  private void problem(String path, String message) {
    problems.add(new SpecProblem(path, message));
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
    if (s.soak() == null || s.soak().isNegative()) {
      problem("soak", "must be 0s or longer, e.g. soak: 24h");
    }
    notifications(s.notifications());
  }

  private void regions(ReleaseSpec s) {
    if (s.regions().isEmpty()) {
      problem("regions", "required; list at least one region with name, cluster, namespace");
      return;
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
      for (int j = 0; j < r.smokeChecks().size(); j++) {
        String url = r.smokeChecks().get(j);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          problem(
              at + ".smokeChecks[" + j + "]", "'" + url + "' must be an http:// or https:// URL");
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
    if (p.mode() == RegionMode.DELAYED) {
      Duration d = p.delay();
      if (d == null || d.compareTo(limits.minDelay) < 0 || d.compareTo(Defaults.MAX_DELAY) > 0) {
        String range = Quantities.format(limits.minDelay) + " to 4h";
        problem(
            "rollout.delay",
            Quantities.format(d)
                + " is outside "
                + range
                + "; the delayed mode observes each region for "
                + range
                + " (default 90m)");
      }
    } else if (p.delay() != null) {
      problem(
          "rollout.delay",
          "only the delayed mode waits between regions; set mode: delayed or remove the delay");
    }
  }

  private void strategy(StrategySpec s, AnalysisSpec analysis) {
    switch (s.type()) {
      case CANARY -> canary(s.canary(), analysis);
      case BLUE_GREEN -> blueGreen(s.blueGreen());
      case ROLLING -> rolling(s.rolling());
    }
  }

  private void canary(CanarySpec c, AnalysisSpec analysis) {
    List<StageSpec> stages = c.stages();
    if (stages.isEmpty()) {
      problem("strategy.canary.stages", "list at least one stage, the last at 100%");
      return;
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
      if (st.hold() == null || st.hold().isNegative() || st.hold().isZero()) {
        problem(at + ".hold", "must be longer than 0s, e.g. hold: 5m");
      } else if (analysis.interval() != null && st.hold().compareTo(analysis.interval()) < 0) {
        problem(
            at + ".hold",
            Quantities.format(st.hold())
                + " is shorter than analysis.interval "
                + Quantities.format(analysis.interval())
                + ", so no check would run in it; hold at least one interval");
      }
      thresholds(at + ".thresholds", st.thresholds());
    }
    int last = stages.get(stages.size() - 1).weight();
    if (last != 100) {
      problem(
          "strategy.canary.stages[" + (stages.size() - 1) + "].weight",
          last + " ends the canary below 100; the last stage must send 100% to the new version");
    }
  }

  private void blueGreen(BlueGreenSpec b) {
    if (b.healthCheckTries() < 1) {
      problem("strategy.blueGreen.healthCheckTries", b.healthCheckTries() + " must be 1 or more");
    }
    if (b.healthCheckInterval() == null || !positive(b.healthCheckInterval())) {
      problem("strategy.blueGreen.healthCheckInterval", "must be longer than 0s, e.g. 10s");
    }
    if (b.rollbackWindow() == null || b.rollbackWindow().isNegative()) {
      problem("strategy.blueGreen.rollbackWindow", "must be 0s or longer, e.g. 30m");
    }
    thresholds("strategy.blueGreen.thresholds", b.thresholds());
  }

  private void rolling(RollingSpec r) {
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
    if (r.hold() == null || r.hold().isNegative()) {
      problem("strategy.rolling.hold", "must be 0s or longer, e.g. 10m");
    }
    thresholds("strategy.rolling.thresholds", r.thresholds());
  }

  private void thresholds(String at, Map<String, Double> thresholds) {
    thresholds.forEach(
        (name, value) -> {
          if (value == null || value.isNaN() || value < 0) {
            problem(at + "." + name, value + " must be a number of 0 or more");
          }
        });
  }

  private void analysis(AnalysisSpec a) {
    if (a.interval() == null || a.interval().compareTo(Duration.ofSeconds(1)) < 0) {
      problem(
          "analysis.interval", Quantities.format(a.interval()) + " is too short; use 1s or more");
    }
    if (a.failureLimit() < 1) {
      problem("analysis.failureLimit", a.failureLimit() + " must be 1 or more");
    }
    if (a.inconclusiveLimit() < 0) {
      problem("analysis.inconclusiveLimit", a.inconclusiveLimit() + " must be 0 or more");
    }
    if (a.errorLimit() < 0) {
      problem("analysis.errorLimit", a.errorLimit() + " must be 0 or more");
    }
    if (a.minRequestRate() < 0) {
      problem("analysis.minRequestRate", a.minRequestRate() + " must be 0 or more");
    }
    if (a.maxWindow() == null
        || (a.interval() != null && a.maxWindow().compareTo(a.interval()) < 0)) {
      problem("analysis.maxWindow", "must be at least analysis.interval, e.g. 1h");
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
        if (!(q.compare().factor() >= 1)) {
          problem(
              at + ".compare.factor",
              q.compare().factor()
                  + " must be 1 or more: how many times stable's value is allowed");
        }
        if (!(q.compare().floor() >= 0)) {
          problem(at + ".compare.floor", q.compare().floor() + " must be 0 or more");
        }
      }
      if (q.failureLimit() != null && q.failureLimit() < 1) {
        problem(at + ".failureLimit", q.failureLimit() + " must be 1 or more");
      }
    }
  }

  private void approval(ReleaseSpec s) {
    ApprovalPolicy p = s.approval();
    boolean stageGates =
        s.strategy().type() == StrategyType.CANARY
            && s.strategy().canary().stages().stream().anyMatch(StageSpec::gate);
    if (p.gates().isEmpty() && !stageGates) {
      return;
    }
    if (p.timeout() == null || !positive(p.timeout())) {
      problem("approval.timeout", "must be longer than 0s, e.g. 24h");
    }
    p.required()
        .forEach(
            (role, count) -> {
              if (count < 1) {
                problem("approval.required." + role, count + " must be 1 or more");
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

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
