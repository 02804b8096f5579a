package io.glidepath.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The settings of a {@code flagd} traffic layer, read from a region's {@code traffic} block with
 * their defaults: which flag, its two variants, where its definition is published, and the optional
 * allowlist (users whose {@code allowlistAttribute} is one of {@code allowlist} get the new variant
 * from the first stage on, whatever the percentage).
 *
 * @param flag the flag key in flagd's flag file, e.g. {@code new-checkout}
 * @param newVariant the variant being released (value {@code true}); default {@code on}
 * @param oldVariant the variant users have today (value {@code false}); default {@code off}
 * @param configMap the ConfigMap in the region's namespace holding the flag file; default {@code
 *     flagd-flags}; {@code null} when the definition goes to a {@code file} only
 * @param file a path on the worker where the flag file is written, or {@code null}
 * @param allowlistAttribute the evaluation-context attribute the allowlist matches, or {@code null}
 * @param allowlist the values of that attribute that get the new variant; empty when none
 * @param keepAllowlist whether a rollback keeps the allowlist on the new variant
 */
public record FlagSettings(
    String flag,
    String newVariant,
    String oldVariant,
    String configMap,
    String file,
    String allowlistAttribute,
    List<String> allowlist,
    boolean keepAllowlist) {
  /** The ConfigMap a flag is published in when the spec names neither a ConfigMap nor a file. */
  public static final String DEFAULT_CONFIG_MAP = "flagd-flags";

  /** The key of the flag file in the ConfigMap, as flagd's {@code --uri} or a volume mounts it. */
  public static final String CONFIG_MAP_KEY = "flags.flagd.json";

  public FlagSettings {
    allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
  }

  /** Whether the flag has an allowlist (a targeting rule ahead of the fractional rollout). */
  public boolean hasAllowlist() {
    return allowlistAttribute != null && !allowlist.isEmpty();
  }

  /** The flag settings of {@code traffic}, or {@code null} when it is not a flagd layer. */
  public static FlagSettings of(TrafficTarget traffic) {
    if (traffic == null || traffic.type() != TrafficRouterType.FLAGD) {
      return null;
    }
    Map<String, String> s = traffic.settings();
    String file = blankToNull(s.get("file"));
    String configMap = blankToNull(s.get("configMap"));
    if (configMap == null && file == null) {
      configMap = DEFAULT_CONFIG_MAP;
    }
    String list = s.get("allowlist");
    return new FlagSettings(
        s.get("flag"),
        s.getOrDefault("newVariant", "on"),
        s.getOrDefault("oldVariant", "off"),
        configMap,
        file,
        blankToNull(s.get("allowlistAttribute")),
        list == null
            ? List.of()
            : Arrays.stream(list.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList(),
        "true".equals(s.get("keepAllowlist")));
  }

  /**
   * The flag a release moves when every region's traffic is a flagd layer (a flag release), or
   * {@code null} for a version release. Regions may publish to different places, but the flag key
   * is the first region's.
   */
  public static FlagSettings ofRelease(ReleaseSpec spec) {
    if (spec.regions().isEmpty()) {
      return null;
    }
    for (RegionSpec r : spec.regions()) {
      if (r.traffic() == null || r.traffic().type() != TrafficRouterType.FLAGD) {
        return null;
      }
    }
    return of(spec.regions().get(0).traffic());
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
