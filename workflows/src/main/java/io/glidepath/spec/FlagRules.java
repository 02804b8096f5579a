package io.glidepath.spec;

import static io.glidepath.spec.Problems.blank;

import io.glidepath.model.Bounds;
import io.glidepath.model.FlagSettings;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TrafficRouterType;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of flag releases: {@code traffic.type: flagd} in every region or none, a canary
 * strategy, nothing deployed, and the flag's own settings (names flagd accepts, an allowlist that
 * is whole, a place to publish the flag file).
 */
final class FlagRules {
  /**
   * A flag key or variant name: letters, digits, '.', '_' and '-', starting with a letter or digit.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** A context attribute: the same, or flagd's {@code targetingKey}. */
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,62}");

  private FlagRules() {}

  /** Whether {@code s} is a flag release whose first stage may hold 0% (the allowlist alone). */
  static boolean allowlistStage(ReleaseSpec s) {
    FlagSettings f = FlagSettings.ofRelease(s);
    return f != null
        && s.regions().stream().allMatch(r -> FlagSettings.of(r.traffic()).hasAllowlist());
  }

  static void check(ReleaseSpec s, Problems problems) {
    long flagd =
        s.regions().stream()
            .filter(r -> r.traffic() != null && r.traffic().type() == TrafficRouterType.FLAGD)
            .count();
    if (flagd == 0) {
      return;
    }
    if (flagd < s.regions().size()) {
      for (int i = 0; i < s.regions().size(); i++) {
        RegionSpec r = s.regions().get(i);
        if (r.traffic() != null && r.traffic().type() != TrafficRouterType.FLAGD) {
          problems.addNew(
              "regions[" + i + "].traffic.type",
              "is "
                  + (r.traffic().type() == null ? "missing" : r.traffic().type().id())
                  + ", but other regions release a flag (flagd): a release either moves a flag"
                  + " or deploys a version; use flagd in every region, or split the release");
        }
      }
      return;
    }
    if (s.strategy() != null && s.strategy().type() != StrategyType.CANARY) {
      problems.addNew(
          "strategy",
          s.strategy().type().id()
              + " cannot move a flag: a flag release rolls out in canary stages (percentages of"
              + " users); use strategy: {canary: {stages: [...]}}");
    }
    if (!blank(s.image())) {
      problems.addNew(
          "image",
          "a flag release deploys nothing (the flag's variants are already running); remove"
              + " image");
    }
    String firstFlag = null;
    for (int i = 0; i < s.regions().size(); i++) {
      String at = "regions[" + i + "].traffic";
      RegionSpec r = s.regions().get(i);
      Map<String, String> raw = r.traffic().settings();
      FlagSettings f = FlagSettings.of(r.traffic());
      if (!blank(f.flag())) {
        name(at + ".flag", f.flag(), "the flag key in flagd's file, e.g. new-checkout", problems);
        if (firstFlag == null) {
          firstFlag = f.flag();
        } else if (!firstFlag.equals(f.flag())) {
          problems.addNew(
              at + ".flag",
              "'"
                  + f.flag()
                  + "' differs from regions[0]'s '"
                  + firstFlag
                  + "': one release moves one flag; release the other flag on its own");
        }
      }
      name(at + ".newVariant", f.newVariant(), "e.g. newVariant: on", problems);
      name(at + ".oldVariant", f.oldVariant(), "e.g. oldVariant: off", problems);
      if (f.newVariant().equals(f.oldVariant())) {
        problems.addNew(
            at + ".newVariant",
            "is the same as oldVariant ('"
                + f.oldVariant()
                + "'): the rollout would move no user; name two variants, e.g. on and off");
      }
      if (raw.containsKey("configMap")) {
        if (blank(raw.get("configMap"))
            || !RegionRules.DNS_LABEL.matcher(raw.get("configMap")).matches()) {
          problems.addNew(
              at + ".configMap",
              "'"
                  + raw.get("configMap")
                  + "' is not a ConfigMap name: lower-case letters, digits and '-', e.g."
                  + " flagd-flags");
        }
      }
      if (raw.containsKey("file")
          && (blank(raw.get("file")) || !raw.get("file").trim().endsWith(".json"))) {
        problems.addNew(
            at + ".file",
            "give the path of a .json flag file flagd reads, e.g. /etc/flagd/flags.flagd.json");
      }
      allowlist(at, raw, f, problems);
    }
  }

  private static void allowlist(
      String at, Map<String, String> raw, FlagSettings f, Problems problems) {
    boolean attribute = raw.containsKey("allowlistAttribute");
    boolean list = raw.containsKey("allowlist");
    if (attribute && !list) {
      problems.addNew(
          at + ".allowlist",
          "required with allowlistAttribute: the comma-separated values that get the new"
              + " variant, e.g. allowlist: ana@example.com,bo@example.com");
    } else if (list && !attribute) {
      problems.addNew(
          at + ".allowlistAttribute",
          "required with allowlist: the context attribute it matches, e.g. allowlistAttribute:"
              + " email");
    } else if (attribute) {
      if (blank(raw.get("allowlistAttribute"))
          || !ATTRIBUTE.matcher(raw.get("allowlistAttribute").trim()).matches()) {
        problems.addNew(
            at + ".allowlistAttribute",
            "'"
                + raw.get("allowlistAttribute")
                + "' is not an attribute name: letters, digits, '.', '_' and '-', e.g. email");
      }
      if (f.allowlist().isEmpty()) {
        problems.addNew(
            at + ".allowlist",
            "is empty; list the values that get the new variant, separated by commas");
      } else if (f.allowlist().size() > Bounds.MAX_ALLOWLIST) {
        problems.addNew(
            at + ".allowlist",
            f.allowlist().size()
                + " values are more than "
                + Bounds.MAX_ALLOWLIST
                + "; target a group attribute instead (e.g."
                + " allowlistAttribute: group, allowlist: beta)");
      }
    }
    String keep = raw.get("keepAllowlist");
    if (keep != null) {
      if (!keep.equals("true") && !keep.equals("false")) {
        problems.addNew(at + ".keepAllowlist", "'" + keep + "' must be true or false");
      } else if (keep.equals("true") && !f.hasAllowlist()) {
        problems.addNew(
            at + ".keepAllowlist",
            "has no effect without an allowlist; add allowlistAttribute and allowlist, or remove"
                + " keepAllowlist");
      }
    }
  }

  private static void name(String at, String value, String example, Problems problems) {
    if (value == null || !NAME.matcher(value).matches()) {
      problems.addNew(
          at,
          "'"
              + value
              + "' must be letters, digits, '.', '_' and '-' (at most 63, starting with a letter"
              + " or digit); "
              + example);
    }
  }
}
