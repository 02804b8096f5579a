package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.Defaults;
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
