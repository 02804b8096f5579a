package io.glidepath.spec;

import static io.glidepath.spec.Problems.blank;

import io.glidepath.model.Bounds;
import io.glidepath.model.Defaults;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.Quantities;
import io.glidepath.model.QuerySpec;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RolloutPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the meaning of a release spec and returns every problem, each with the field path, the bad
 * value and the fix. Pure and deterministic: the release workflow runs it again on its input. Each
 * section has its rules class ({@link RegionRules}, {@link StrategyRules}, {@link AnalysisRules},
 * {@link ApprovalRules}, {@link ControlRules}, {@link ScheduleRules}); this class checks what is
 * released and the rollout across regions, whose bounds depend on the {@link Limits}.
 */
public final class SpecValidator {
  private static final Pattern IMAGE =
      Pattern.compile(
          "[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})");

  /** Placeholders a query template may use. */
  public static final Set<String> PLACEHOLDERS = AnalysisRules.PLACEHOLDERS;

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
          + days(minDelay)
          + " to "
          + days(rollout.delayCeiling())
          + (rollout.maxDelay() == null ? "" : " (widened by rollout.maxDelay)");
    }
  }

  /**
   * Which rules apply. A spec is checked under the current rules when it is read and before it
   * starts; the release workflow checks its input once more, under the rules its release was
   * started with, so that replaying a release started before a rule existed decides as it did.
   */
  public enum Rules {
    /** Every rule: what the parser, {@code release validate} and the launcher apply. */
    CURRENT,
    /** Only the rules releases were first started under: what the release workflow re-checks. */
    ORIGINAL
  }

  private final Problems problems;
  private final Limits limits;

  private SpecValidator(Limits limits, Rules rules) {
    this.limits = limits;
    this.problems = new Problems(rules == Rules.CURRENT);
  }

  /** Every problem with {@code spec}; empty when it may start. */
  public static List<SpecProblem> validate(ReleaseSpec spec) {
    return validate(spec, Limits.RELEASE);
  }

  /** Every problem with {@code spec} within {@code limits}. */
  public static List<SpecProblem> validate(ReleaseSpec spec, Limits limits) {
    return validate(spec, limits, Rules.CURRENT);
  }

  /** Every problem with {@code spec} within {@code limits} under {@code rules}. */
  public static List<SpecProblem> validate(ReleaseSpec spec, Limits limits, Rules rules) {
    SpecValidator v = new SpecValidator(limits, rules);
    v.release(spec);
    return v.problems.list();
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

  private void release(ReleaseSpec s) {
    released(s);
    RegionRules.check(s, problems);
    rollout(s.rollout(), s.regions().size());
    StrategyRules.check(s.strategy(), s.analysis(), problems, FlagRules.allowlistStage(s));
    FlagRules.check(s, problems);
    AnalysisRules.check(s.analysis(), problems);
    ApprovalRules.check(s, problems);
    if (problems.within("soak", s.soak(), Duration.ZERO, Bounds.MAX_SOAK, "soak: 24h")) {
      StrategyRules.unwatched("soak", s.soak(), s.analysis(), problems, true);
    }
    preflight(s);
    ControlRules.check(s, problems);
    ScheduleRules.check(s, problems);
    SloRules.check(s.slo(), problems);
  }

  /** Preflight limits, each in its query's unit and range like any threshold. */
  private void preflight(ReleaseSpec s) {
    s.preflight()
        .forEach(
            (name, limit) -> {
              QuerySpec q = s.analysis().query(name);
              Problems own = new Problems();
              own.bounded(
                  "preflight.checks." + name, limit, q == null ? MetricUnit.NUMBER : q.unit());
              own.list().forEach(p -> problems.addNew(p.path(), p.message()));
            });
  }

  /** What is released: the service, its version and the image. */
  private void released(ReleaseSpec s) {
    if (blank(s.service())) {
      problems.add("service", "required; name the service, e.g. service: checkout");
    } else if (!RegionRules.DNS_LABEL.matcher(s.service()).matches() || s.service().length() > 40) {
      problems.add(
          "service",
          "'"
              + s.service()
              + "' must be lower-case letters, digits and '-', at most 40 characters; it names"
              + " workflows and Kubernetes objects");
    }
    if (blank(s.version())) {
      problems.add("version", "required; give the version being released, e.g. version: 2.4.0");
    }
    if (blank(s.image()) && io.glidepath.model.FlagSettings.ofRelease(s) != null) {
      return; // a flag release deploys nothing (FlagRules)
    } else if (blank(s.image())) {
      problems.add(
          "image", "required; give the image to deploy, e.g. image: ghcr.io/acme/checkout:2.4.0");
    } else if (s.image().contains("://")
        || (s.image().contains("@") && !s.image().contains("@sha256:"))) {
      // Not echoed: it may carry a registry token.
      problems.addNew(
          "image",
          "must be a registry path with a tag or digest, e.g. ghcr.io/acme/checkout:2.4.0, never"
              + " a URL or credentials (the cluster's image pull secret holds those)");
    } else if (!IMAGE.matcher(s.image()).matches()) {
      problems.add(
          "image",
          "'"
              + s.image()
              + "' has no tag or digest; pin it, e.g. "
              + s.image()
              + ":"
              + (blank(s.version()) ? "2.4.0" : s.version()));
    }
  }

  /** The rollout across regions; the delayed mode's range depends on the limits. */
  private void rollout(RolloutPolicy p, int regions) {
    if (p.mode() != RegionMode.DELAYED) {
      if (p.delay() != null) {
        problems.add(
            "rollout.delay",
            "only the delayed mode waits between regions; set mode: delayed or remove the delay");
      }
      if (p.maxDelay() != null) {
        problems.addNew(
            "rollout.maxDelay",
            "has no effect in mode "
                + p.mode().id()
                + ": only the delayed mode waits between regions; set mode: delayed (with a"
                + " delay above 4h) or remove maxDelay");
      }
    }
    // The first problem of a field stands: in another mode, the one above.
    if (p.maxDelay() != null && p.maxDelay().compareTo(Defaults.MAX_DELAY) <= 0) {
      problems.add(
          "rollout.maxDelay",
          days(p.maxDelay())
              + " does not widen anything: it raises the longest rollout.delay above 4h, so"
              + " give more than 4h and at most "
              + days(Defaults.MAX_WIDENED_DELAY)
              + ", or remove it");
    } else if (p.maxDelay() != null && p.maxDelay().compareTo(Defaults.MAX_WIDENED_DELAY) > 0) {
      problems.add(
          "rollout.maxDelay",
          days(p.maxDelay())
              + " is too long: rollout.maxDelay is at most "
              + days(Defaults.MAX_WIDENED_DELAY)
              + " (and above 4h); give at most "
              + days(Defaults.MAX_WIDENED_DELAY)
              + " or remove it");
    }
    if (p.onRegionFailure() == RegionFailurePolicy.CONTINUE && regions == 1) {
      problems.addNew(
          "rollout.onRegionFailure",
          "continue has no effect with one region: there is no other region to go on with; add"
              + " regions or remove onRegionFailure");
    }
    if (p.mode() != RegionMode.DELAYED) {
      return;
    }
    Duration d = p.delay();
    // A maxDelay that is itself refused widens nothing: the delay is judged by the plain range.
    Duration ceiling =
        p.maxDelay() != null
                && p.maxDelay().compareTo(Defaults.MAX_DELAY) > 0
                && p.maxDelay().compareTo(Defaults.MAX_WIDENED_DELAY) <= 0
            ? p.maxDelay()
            : Defaults.MAX_DELAY;
    if (d != null && d.compareTo(limits.minDelay) >= 0 && d.compareTo(ceiling) <= 0) {
      return;
    }
    String range = days(limits.minDelay) + " to " + days(ceiling);
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
    problems.add(
        "rollout.delay",
        (d == null ? "-" : days(d))
            + " is outside "
            + range
            + "; the delayed mode observes each region for "
            + range
            + " (default 90m)"
            + fix);
  }

  /** A duration as a spec writes a long one: whole days as {@code 21d}, else like {@code 90m}. */
  static String days(Duration d) {
    return d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))
        ? d.toDays() + "d"
        : Quantities.format(d);
  }
}
