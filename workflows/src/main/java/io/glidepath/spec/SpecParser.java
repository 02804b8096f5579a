package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.Defaults;
import io.glidepath.model.EnvironmentSpec;
import io.glidepath.model.HookSpec;
import io.glidepath.model.NotificationSpec;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.RolloutPolicy;
import io.glidepath.model.ScheduleSpec;
import io.glidepath.model.SloSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.TrafficRouterType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a release spec from YAML into immutable records, filling the seed defaults, then validates
 * it. Every problem, of form or of meaning, is reported in one {@link InvalidSpecException}. The
 * file is read strictly by {@link YamlText}; each section's model is built by its reader ({@link
 * RegionReader}, {@link AnalysisReader}, {@link StrategyReader}, {@link ControlReader}, {@link
 * ScheduleRules}).
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

  /**
   * Reads another kind of file with the spec's strict YAML reader: a key given twice, a second
   * document, merge keys and custom tags are refused, every scalar stays the text as written. Read
   * its fields through {@link YamlObject}, which reports unknown keys.
   *
   * @throws InvalidSpecException naming {@code source} and the line when the YAML is malformed
   */
  public static JsonNode strictTree(String yaml, String source) {
    return tree(yaml, source);
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

  /**
   * Reads every environment of the spec in {@code file} (its {@code environments:} list), each
   * validated within {@code limits}; every problem of every environment is reported at once.
   *
   * @throws InvalidSpecException also when the spec names no environments
   */
  public static List<EnvironmentSpec> loadEnvironments(Path file, SpecValidator.Limits limits) {
    return environments(tree(read(file), file.toString()), file.toString(), null, t -> t, limits);
  }

  /** {@link #loadEnvironments} for YAML text; {@code source} names it in messages. */
  public static List<EnvironmentSpec> parseEnvironments(
      String yaml, String source, SpecValidator.Limits limits) {
    return environments(tree(yaml, source), source, null, t -> t, limits);
  }

  /**
   * Reads one environment of the spec in {@code file}: the list is checked as a whole, then the
   * environment's spec, with {@code edit} applied to its tree (a CI job's overrides), is validated.
   */
  public static EnvironmentSpec loadEnvironment(
      Path file, String environment, UnaryOperator<ObjectNode> edit, SpecValidator.Limits limits) {
    return environments(
            tree(read(file), file.toString()), file.toString(), environment, edit, limits)
        .get(0);
  }

  /** {@link #loadEnvironment} for YAML text. */
  public static EnvironmentSpec parseEnvironment(
      String yaml, String source, String environment, SpecValidator.Limits limits) {
    return environments(tree(yaml, source), source, environment, t -> t, limits).get(0);
  }

  /** Whether the spec text names environments (so a release must say which one). */
  public static boolean namesEnvironments(Path file) {
    return EnvironmentReader.present(tree(read(file), file.toString()));
  }

  private static List<EnvironmentSpec> environments(
      JsonNode root,
      String source,
      String only,
      UnaryOperator<ObjectNode> edit,
      SpecValidator.Limits limits) {
    List<SpecProblem> problems = new ArrayList<>();
    if (!(root instanceof ObjectNode top) || !EnvironmentReader.present(root)) {
      problems.add(
          new SpecProblem(
              EnvironmentReader.KEY,
              (only == null ? "" : "--env " + only + ": ")
                  + "this spec names no environments; release it without --env, or list them"
                  + " under environments: (see docs/environments.md)"));
      throw new InvalidSpecException(source, problems);
    }
    List<EnvironmentReader.Entry> entries = EnvironmentReader.entries(root, problems);
    List<String> names = entries.stream().map(EnvironmentReader.Entry::name).toList();
    if (only != null && !names.contains(only)) {
      problems.add(
          new SpecProblem(
              EnvironmentReader.KEY,
              "--env "
                  + only
                  + ": no such environment; this spec names "
                  + String.join(", ", names)));
    }
    Map<String, List<String>> shared = EnvironmentReader.newShared();
    List<EnvironmentSpec> out = new ArrayList<>();
    for (EnvironmentReader.Entry e : entries) {
      if (only != null && !e.name().equals(only)) {
        continue;
      }
      ObjectNode tree = edit.apply(EnvironmentReader.effective(top, e));
      try {
        out.add(
            new EnvironmentSpec(
                e.name(), e.verifiedFor(), build(tree, source, limits).withEnvironment(e.name())));
      } catch (InvalidSpecException x) {
        EnvironmentReader.attribute(e, x.problems(), shared, problems);
      }
    }
    problems.addAll(EnvironmentReader.shared(shared));
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(source, problems);
    }
    return out;
  }

  private static ReleaseSpec build(JsonNode root, String source, SpecValidator.Limits limits) {
    List<SpecProblem> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      problems.add(
          new SpecProblem(
              "", "the spec must be a YAML mapping of service, version, image, regions..."));
      throw new InvalidSpecException(source, problems);
    }
    if (EnvironmentReader.present(root)) {
      List<String> names = new ArrayList<>();
      root.path(EnvironmentReader.KEY).forEach(e -> names.add(e.path("name").asText("?")));
      problems.add(
          new SpecProblem(
              EnvironmentReader.KEY,
              "this spec names environments ("
                  + String.join(", ", names)
                  + "): say which one to release with --env, e.g. release start -f "
                  + (source == null ? "FILE" : source)
                  + " --env "
                  + (names.isEmpty() ? "dev" : names.get(0))));
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
    List<RegionSpec> regions = root.objects("regions").stream().map(RegionReader::region).toList();
    RolloutPolicy rollout = RegionReader.rollout(root.object("rollout"));
    boolean flag =
        !regions.isEmpty()
            && regions.stream()
                .allMatch(
                    r -> r.traffic() != null && r.traffic().type() == TrafficRouterType.FLAGD);
    AnalysisSpec analysis = AnalysisReader.analysis(root.object("analysis"), flag);
    StrategySpec strategy = StrategyReader.strategy(root.object("strategy"), analysis);
    ApprovalPolicy approval = ControlReader.approval(root.object("approval"));
    ControlReader.whoApproves(root, approval, strategy);
    Duration soak = root.duration("soak", Defaults.SOAK);
    NotificationSpec notifications = ControlReader.notifications(root.object("notifications"));
    List<HookSpec> hooks = root.objects("hooks", "name").stream().map(ControlReader::hook).toList();
    YamlObject pre = root.object("preflight");
    YamlObject checks = pre.object("checks");
    if (pre.present() && (!checks.present() || checks.keys().isEmpty())) {
      pre.problem(
          checks.path(),
          "required in preflight, and not empty: give the limits the stable version must be"
              + " within, e.g. checks: {cpu: 60%, memory: 60%}, or leave preflight out");
    }
    Map<String, Double> preflight = AnalysisReader.limits(checks, analysis);
    pre.rejectUnknown();
    ScheduleSpec schedule = ScheduleRules.schedule(root.object("schedule"));
    SloSpec slo = SloRules.slo(root.object("slo"));
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
        schedule,
        slo);
  }
}
