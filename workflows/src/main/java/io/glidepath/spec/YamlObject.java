package io.glidepath.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.glidepath.model.Quantities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One YAML mapping of a spec (or of another strictly read file, see {@link SpecParser#strictTree}),
 * read at a known path. Every read that fails records a problem and returns the fallback, so a
 * whole spec is read and every problem reported at once; keys nobody read are reported as unknown
 * with the closest known name.
 */
public final class YamlObject {
  private final JsonNode node;
  private final String path;
  private final List<SpecProblem> problems;
  private final Set<String> read = new LinkedHashSet<>();

  public YamlObject(JsonNode node, String path, List<SpecProblem> problems) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
    this.problems = problems;
    if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
      // Not the value itself: a webhook URL or a token given here must not be echoed.
      problem(
          path,
          "expected a mapping of fields, got "
              + (this.node.isArray() ? "a list" : "a single value"));
    }
  }

  public String path() {
    return path;
  }

  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean present() {
    return node.isObject();
  }

  public boolean has(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  public void problem(String at, String message) {
    problems.add(new SpecProblem(at, message));
  }

  /** A scalar as text, or {@code null} when absent. */
  public String string(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      problem(path(key), "expected a single value, got a " + (v.isArray() ? "list" : "mapping"));
      return null;
    }
    return v.asText().trim();
  }

  public <T> T value(String key, T fallback, Function<String, T> parse) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      problem(path(key), e.getMessage());
      return fallback;
    }
  }

  public Duration duration(String key, Duration fallback) {
    return value(key, fallback, Quantities::parseDuration);
  }

  public Integer integer(String key, Integer fallback) {
    return value(
        key,
        fallback,
        t -> {
          if (t.matches("[+-]?\\d{10,}")) {
            // Too long for an int: saturate, so the field's bound names the range.
            return t.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
          }
          try {
            return Integer.parseInt(t);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a whole number");
          }
        });
  }

  public Double number(String key, Double fallback) {
    return value(
        key,
        fallback,
        t -> {
          try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d) || !t.matches("[+-]?[0-9.eE+-]+")) {
              throw new NumberFormatException();
            }
            return d;
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a number");
          }
        });
  }

  public boolean flag(String key, boolean fallback) {
    return value(
        key,
        fallback,
        t ->
            switch (t.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> true;
              case "false", "no", "off" -> false;
              default -> throw new IllegalArgumentException("'" + t + "' is not true or false");
            });
  }

  /** An enum constant spelled as its lower-case, hyphenated name ({@code blue-green}). */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    return value(key, fallback, t -> choose(t, type));
  }

  static <E extends Enum<E>> E choose(String text, Class<E> type) {
    String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted) || e.name().replace("_", "").equals(wanted)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not one of " + String.join(", ", spellings(type)));
  }

  static <E extends Enum<E>> List<String> spellings(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .toList();
  }

  public YamlObject object(String key) {
    read.add(key);
    return new YamlObject(node.get(key), path(key), problems);
  }

  /** The raw node under {@code key}, marked as read. */
  public JsonNode raw(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    return v == null ? MissingNode.getInstance() : v;
  }

  /** A list of mappings; absent gives an empty list. Items are named by position: {@code [0]}. */
  public List<YamlObject> objects(String key) {
    return objects(key, null);
  }

  /**
   * A list of mappings whose items are named by their {@code nameField} where they have one ({@code
   * analysis.queries[error-rate]}), by position otherwise.
   */
  List<YamlObject> objects(String key, String nameField) {
    List<YamlObject> out = new ArrayList<>();
    JsonNode v = raw(key);
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problem(path(key), "expected a list");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode name = nameField == null ? null : v.get(i).get(nameField);
      String item =
          name != null && name.isTextual() && !name.asText().isBlank()
              ? name.asText().trim()
              : String.valueOf(i);
      out.add(new YamlObject(v.get(i), path(key) + "[" + item + "]", problems));
    }
    return out;
  }

  /** A list of scalars; a single scalar is taken as a list of one. */
  public List<String> strings(String key) {
    JsonNode v = raw(key);
    List<String> out = new ArrayList<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText().trim());
      return out;
    }
    if (!v.isArray()) {
      problem(path(key), "expected a list of values");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      if (v.get(i).isValueNode()) {
        out.add(v.get(i).asText().trim());
      } else {
        problem(path(key) + "[" + i + "]", "expected a single value");
      }
    }
    return out;
  }

  /** The keys of this mapping, in order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Every field not named in {@code except}, as text: settings of a provider. */
  Map<String, String> rest(Set<String> except) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : keys()) {
      if (!except.contains(k)) {
        String v = string(k);
        if (v != null) {
          out.put(k, v);
        }
      }
    }
    return out;
  }

  /** Marks {@code key} as read, for a caller that reports on it itself. */
  void seen(String key) {
    read.add(key);
  }

  /** The closest of {@code known} to {@code key}, when it is close enough to be a typo. */
  static java.util.Optional<String> closest(String key, java.util.Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt(k -> distance(k, key)))
        .filter(best -> distance(best, key) <= Math.max(2, key.length() / 3));
  }

  /** Reports every key of this mapping that no read asked for, with the closest known key. */
  public void rejectUnknown() {
    for (String k : keys()) {
      if (!read.contains(k)) {
        String hint =
            read.stream()
                .min(Comparator.comparingInt(known -> distance(known, k)))
                .filter(best -> distance(best, k) <= Math.max(2, k.length() / 3))
                .map(best -> "; did you mean '" + best + "'?")
                .orElse("; known fields here: " + String.join(", ", read));
        problem(path(k), "unknown field" + hint);
      }
    }
  }

  private static int distance(String a, String b) {
    a = a.toLowerCase(Locale.ROOT);
    b = b.toLowerCase(Locale.ROOT);
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
