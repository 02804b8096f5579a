package io.glidepath.traffic.flagd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.model.FlagSettings;
import io.glidepath.traffic.FlagStep;

/**
 * One boolean flag in flagd's flag-file format (flagd.dev/reference/flag-definitions): the new
 * variant {@code true}, the old one {@code false}, and targeting that sends the allowlist to the
 * new variant, then a {@code fractional} split. flagd hashes each user's targeting key into 100
 * buckets and fills the split's entries in order, and the new variant comes first, so raising its
 * share only adds users: nobody on the new variant goes back while the percentage rises.
 *
 * <p>{@link #write} replaces this flag in a flag file and keeps every other flag as it was.
 */
public final class FlagDefinition {
  /** The JSON schema flagd publishes for its flag files. */
  public static final String SCHEMA = "https://flagd.dev/schema/v0/flags.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FlagDefinition() {}

  /**
   * The flag's definition for {@code percent} percent of users on the new variant (0 to 100) in the
   * allowlist and promotion state {@code step}.
   */
  public static ObjectNode flag(FlagSettings f, int percent, FlagStep step) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException(percent + " is outside 0 to 100");
    }
    ObjectNode flag = JSON.createObjectNode();
    flag.put("state", "ENABLED");
    ObjectNode variants = flag.putObject("variants");
    variants.put(f.newVariant(), true);
    variants.put(f.oldVariant(), false);
    if (step.promoted()) {
      flag.put("defaultVariant", f.newVariant());
      return flag;
    }
    flag.put("defaultVariant", f.oldVariant());
    JsonNode split = percent == 0 ? null : fractional(f, percent);
    if (step.allowlist() && f.hasAllowlist()) {
      ObjectNode rule = JSON.createObjectNode();
      ArrayNode branches = rule.putArray("if");
      ObjectNode in = branches.addObject();
      ArrayNode args = in.putArray("in");
      args.addObject().put("var", f.allowlistAttribute());
      ArrayNode values = args.addArray();
      f.allowlist().forEach(values::add);
      branches.add(f.newVariant());
      if (split == null) {
        branches.add(f.oldVariant());
      } else {
        branches.add(split);
      }
      flag.set("targeting", rule);
    } else if (split != null) {
      flag.set("targeting", split);
    }
    return flag;
  }

  /**
   * flagd's {@code fractional} with its default bucketing key (the flag key and the user's
   * targeting key): the new variant first.
   */
  private static ObjectNode fractional(FlagSettings f, int percent) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode entries = node.putArray("fractional");
    entries.addArray().add(f.newVariant()).add(percent);
    entries.addArray().add(f.oldVariant()).add(100 - percent);
    return node;
  }

  /**
   * The flag file {@code existing} (or a new one when {@code null} or blank) with the flag set to
   * {@code flag}; every other flag and key stays. Fails with {@link IllegalArgumentException} when
   * {@code existing} is not a flag file.
   */
  public static String write(String existing, String key, ObjectNode flag) {
    ObjectNode file;
    if (existing == null || existing.isBlank()) {
      file = JSON.createObjectNode();
      file.put("$schema", SCHEMA);
    } else {
      JsonNode read = parse(existing);
      if (!(read instanceof ObjectNode o) || (o.has("flags") && !o.get("flags").isObject())) {
        throw new IllegalArgumentException(
            "is not a flagd flag file (a JSON object with a \"flags\" object)");
      }
      file = o;
    }
    JsonNode flags = file.get("flags");
    ObjectNode all = flags == null ? file.putObject("flags") : (ObjectNode) flags;
    all.set(key, flag);
    try {
      return JSON.writeValueAsString(file) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The share of users on the new variant that {@code file} gives flag {@code key}: 100 when the
   * new variant is the default, the fractional share otherwise (0 without one); -1 when the flag is
   * missing.
   */
  public static int percentIn(String file, String key, FlagSettings f) {
    JsonNode flag = parse(file).path("flags").path(key);
    if (flag.isMissingNode()) {
      return -1;
    }
    if (f.newVariant().equals(flag.path("defaultVariant").asText())) {
      return 100;
    }
    return share(flag.path("targeting"), f.newVariant());
  }

  /** The new variant's weight in the first {@code fractional} found in {@code node}, else 0. */
  private static int share(JsonNode node, String variant) {
    if (node.has("fractional")) {
      for (JsonNode entry : node.get("fractional")) {
        if (entry.isArray() && variant.equals(entry.path(0).asText())) {
          return entry.path(1).asInt();
        }
      }
      return 0;
    }
    for (JsonNode child : node) {
      if (child.isContainerNode()) {
        int found = share(child, variant);
        if (found > 0) {
          return found;
        }
      }
    }
    return 0;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage());
    }
  }
}
