package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.Bounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a spec's {@code environments:} list (its order, names and rules) and builds each
 * environment's own spec tree: the top-level settings with the environment's laid over them.
 * Mappings merge key by key (so {@code analysis: {interval: 30s}} changes only the interval); lists
 * and single values replace; {@code strategy} replaces as a whole, since it holds one strategy.
 */
final class EnvironmentReader {
  static final String KEY = "environments";

  /** The top-level sections an environment may set for itself. */
  static final List<String> SECTIONS =
      List.of(
          "image",
          "regions",
          "rollout",
          "strategy",
          "analysis",
          "approval",
          "soak",
          "notifications",
          "hooks",
          "preflight",
          "schedule",
          "slo");

  private static final Set<String> REPLACED = Set.of("strategy");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final int MAX_NAME = 20;

  /** One environment as written: its position, name, rule and own settings. */
  record Entry(int index, String name, Duration verifiedFor, ObjectNode own, String path) {}

  private EnvironmentReader() {}

  static boolean present(JsonNode root) {
    return root != null && root.has(KEY);
  }

  /** The environments in order, every problem of the list itself added to {@code problems}. */
  static List<Entry> entries(JsonNode root, List<SpecProblem> problems) {
    YamlObject top = new YamlObject(root, "", problems);
    JsonNode list = top.raw(KEY);
    List<Entry> out = new ArrayList<>();
    if (!list.isArray() || list.isEmpty()) {
      problems.add(
          new SpecProblem(
              KEY,
              "expected a list of environments in order, e.g. [{name: dev}, {name: staging,"
                  + " verifiedFor: 1h}, {name: prod, verifiedFor: 24h}]"));
      return out;
    }
    if (list.size() > Bounds.MAX_ENVIRONMENTS) {
      problems.add(
          new SpecProblem(
              KEY,
              list.size() + " environments; at most " + Bounds.MAX_ENVIRONMENTS + " are allowed"));
    }
    Set<String> seen = new HashSet<>();
    List<YamlObject> items = top.objects(KEY, "name");
    for (int i = 0; i < items.size(); i++) {
      YamlObject e = items.get(i);
      if (!e.present()) {
        continue;
      }
      String name = e.string("name");
      if (name == null || name.isBlank()) {
        e.problem(e.path("name"), "required; e.g. name: staging");
      } else if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
        e.problem(
            e.path("name"),
            "'"
                + shorten(name)
                + "' must be lower-case letters, digits and '-', at most "
                + MAX_NAME
                + " characters (it names workflows and namespaces)");
      } else if (!seen.add(name)) {
        e.problem(e.path("name"), "'" + name + "' appears twice; each environment comes once");
      }
      Duration verifiedFor = e.duration("verifiedFor", Duration.ZERO);
      if (e.has("verifiedFor")) {
        if (i == 0) {
          e.problem(
              e.path("verifiedFor"),
              "the first environment has no environment before it to be verified in; move"
                  + " verifiedFor to the environment that needs it");
        } else if (verifiedFor.isNegative() || verifiedFor.compareTo(Bounds.MAX_VERIFIED_FOR) > 0) {
          e.problem(
              e.path("verifiedFor"),
              "must be 0s to " + Bounds.MAX_VERIFIED_FOR.toDays() + "d, e.g. verifiedFor: 24h");
        }
      }
      ObjectNode own = ((ObjectNode) list.get(i)).deepCopy();
      own.remove("name");
      own.remove("verifiedFor");
      for (String k : SECTIONS) {
        e.seen(k);
      }
      rejectUnknown(e, own);
      out.add(new Entry(i, name == null ? String.valueOf(i) : name, verifiedFor, own, e.path()));
    }
    return out;
  }

  private static void rejectUnknown(YamlObject e, ObjectNode own) {
    List<String> known = new ArrayList<>(SECTIONS);
    known.add(0, "verifiedFor");
    known.add(0, "name");
    own.fieldNames()
        .forEachRemaining(
            k -> {
              if (!SECTIONS.contains(k)) {
                String hint =
                    YamlObject.closest(k, known)
                        .map(best -> "; did you mean '" + best + "'?")
                        .orElse(
                            k.equals("service") || k.equals("version")
                                ? "; service and version are the same in every environment: set"
                                    + " them at the top level"
                                : "; an environment may set: " + String.join(", ", known));
                e.problem(e.path(k), "unknown field" + hint);
              }
            });
    own.retain(SECTIONS);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The spec tree {@code e} runs: the top level without the list, its own settings over it. */
  static ObjectNode effective(ObjectNode root, Entry e) {
    ObjectNode tree = root.deepCopy();
    tree.remove(KEY);
    merge(tree, e.own());
    return tree;
  }

  private static void merge(ObjectNode into, ObjectNode over) {
    over.fieldNames()
        .forEachRemaining(
            k -> {
              JsonNode mine = into.get(k);
              JsonNode theirs = over.get(k);
              if (!REPLACED.contains(k)
                  && mine instanceof ObjectNode m
                  && theirs instanceof ObjectNode t) {
                ObjectNode copy = m.deepCopy();
                mergeDeep(copy, t);
                into.set(k, copy);
              } else {
                into.set(k, theirs.deepCopy());
              }
            });
  }

  private static void mergeDeep(ObjectNode into, ObjectNode over) {
    over.fieldNames()
        .forEachRemaining(
            k -> {
              JsonNode mine = into.get(k);
              JsonNode theirs = over.get(k);
              if (mine instanceof ObjectNode m && theirs instanceof ObjectNode t) {
                mergeDeep(m, t);
              } else {
                into.set(k, theirs.deepCopy());
              }
            });
  }

  /**
   * Says where a problem of one environment's spec is: under the environment when the field is its
   * own, else at the shared field with the environment named. The same problem of a shared field in
   * several environments is reported once, naming them all.
   */
  static void attribute(
      Entry e, List<SpecProblem> found, Map<String, List<String>> shared, List<SpecProblem> out) {
    for (SpecProblem p : found) {
      if (owns(e.own(), p.path())) {
        out.add(new SpecProblem(e.path() + "." + p.path(), p.message()));
      } else {
        shared
            .computeIfAbsent(p.path() + "\u0000" + p.message(), k -> new ArrayList<>())
            .add(e.name());
      }
    }
  }

  /** Whether the field at {@code path} (or the list or value holding it) is the environment's. */
  private static boolean owns(JsonNode own, String path) {
    if (path.isEmpty()) {
      return false;
    }
    JsonNode node = own;
    for (String segment : path.split("\\.")) {
      String key = segment.replaceFirst("\\[.*$", "");
      if (!(node instanceof ObjectNode o) || !o.has(key)) {
        return false;
      }
      node = o.get(key);
      if (!node.isObject() || !segment.equals(key) || REPLACED.contains(key)) {
        return true;
      }
    }
    return true;
  }

  /** The shared problems gathered by {@link #attribute}, each naming its environments. */
  static List<SpecProblem> shared(Map<String, List<String>> shared) {
    List<SpecProblem> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> s : shared.entrySet()) {
      String[] parts = s.getKey().split("\u0000", 2);
      out.add(
          new SpecProblem(
              parts[0],
              parts[1]
                  + " (environment"
                  + (s.getValue().size() == 1 ? " " : "s ")
                  + String.join(", ", s.getValue())
                  + ")"));
    }
    return out;
  }

  static Map<String, List<String>> newShared() {
    return new LinkedHashMap<>();
  }
}
