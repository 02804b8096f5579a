package io.glidepath.status;

import io.glidepath.model.FlagSettings;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plan of a flag release in words, for {@code release validate}. */
public final class FlagPlan {
  private FlagPlan() {}

  /** The plan when {@code spec} is a flag release, else empty. */
  public static Optional<String> describe(ReleaseSpec spec) {
    FlagSettings f = FlagSettings.ofRelease(spec);
    if (f == null) {
      return Optional.empty();
    }
    StringBuilder out =
        new StringBuilder(
            "flag release: feature "
                + f.flag()
                + " (flagd), "
                + f.newVariant()
                + " (true) against "
                + f.oldVariant()
                + " (false); nothing is deployed\n");
    for (RegionSpec r : spec.regions()) {
      FlagSettings rf = FlagSettings.of(r.traffic());
      List<String> where = new ArrayList<>();
      if (rf.configMap() != null) {
        where.add(
            "ConfigMap "
                + r.namespace()
                + "/"
                + rf.configMap()
                + " key "
                + FlagSettings.CONFIG_MAP_KEY
                + " in cluster "
                + r.cluster());
      }
      if (rf.file() != null) {
        where.add("file " + rf.file() + " on the worker");
      }
      out.append("  ").append(r.name()).append(": ").append(String.join(" and ", where));
      if (rf.hasAllowlist()) {
        out.append("; allowlist: ")
            .append(rf.allowlistAttribute())
            .append(" in ")
            .append(rf.allowlist().size())
            .append(rf.allowlist().size() == 1 ? " value" : " values")
            .append(rf.keepAllowlist() ? ", kept on a rollback" : "");
      }
      out.append('\n');
    }
    List<String> steps = new ArrayList<>();
    List<StageSpec> stages = spec.strategy().canary().stages();
    for (int i = 0; i < stages.size(); i++) {
      int w = stages.get(i).weight();
      steps.add(
          "stage "
              + (i + 1)
              + " "
              + (w == 0
                  ? "the allowlist only"
                  : w + "% of users" + (f.hasAllowlist() ? " + allowlist" : "")));
    }
    out.append("  ")
        .append(String.join(", ", steps))
        .append("; then promotion: ")
        .append(f.newVariant())
        .append(" becomes the default for every user\n")
        .append("  rollback: ")
        .append(f.newVariant())
        .append(" at 0% of users")
        .append(f.keepAllowlist() ? ", the allowlist kept" : "")
        .append("; users are judged by variant (")
        .append(f.newVariant())
        .append(" against ")
        .append(f.oldVariant())
        .append(")\n");
    return Optional.of(out.toString());
  }
}
