package io.glidepath.region;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.model.FlagSettings;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.Words;

/** The sentences a region says about itself: current details, timeline text and card messages. */
final class RegionText {
  private RegionText() {}

  /** The Markdown the Temporal Web UI shows as the region workflow's current details. */
  static String details(ReleaseSpec spec, RegionStatus s) {
    return "**"
        + spec.service()
        + " "
        + spec.version()
        + " in "
        + s.region()
        + "**: "
        + Words.of(s.phase())
        + ", stage "
        + s.stage()
        + " of "
        + s.stages()
        + ", "
        + s.weight()
        + (flag(spec) == null
            ? "% on the new version"
            : "% of users on feature " + flag(spec).flag())
        + (s.reason() == null ? "" : "\n\n" + s.reason())
        + "\n\nlast verdict: "
        + verdict(s.lastVerdict());
  }

  /** A window's verdict with its reason and the values of its last check. */
  static String verdict(WindowSummary v) {
    if (v == null) {
      return "none yet";
    }
    return Words.of(v.verdict())
        + " ("
        + v.reason()
        + ")"
        + (v.last().isEmpty()
            ? ""
            : ": " + String.join(", ", v.last().stream().map(QueryVerdict::describe).toList()));
  }

  /** The flag of a flag release, or null. */
  private static FlagSettings flag(ReleaseSpec spec) {
    return FlagSettings.ofRelease(spec);
  }

  static String started(ReleaseSpec spec, String region, String stableVersion) {
    FlagSettings f = flag(spec);
    if (f != null) {
      return spec.service()
          + ": feature "
          + f.flag()
          + " starts in "
          + region
          + " (a flag release: the share of users on "
          + f.newVariant()
          + " rises by stage; nothing is deployed)";
    }
    return spec.service()
        + " "
        + spec.version()
        + " starts in "
        + region
        + " ("
        + spec.strategy().type().id()
        + ", stable "
        + stableVersion
        + ")";
  }

  static String completed(ReleaseSpec spec, String region, boolean promoted) {
    FlagSettings f = flag(spec);
    if (f != null) {
      return region
          + ": feature "
          + f.flag()
          + " on for every user"
          + (promoted ? " (" + f.newVariant() + " is the flag's default)" : "")
          + " and stays watched until the release finalizes";
    }
    return region
        + " serves "
        + spec.version()
        + " at 100%"
        + (promoted ? " from the stable Deployment" : "")
        + " and stays watched until the release finalizes";
  }

  /** What compensation did, in the strategy's words. */
  static String restored(
      ReleaseSpec spec, io.glidepath.model.RegionSpec region, String stable, boolean promoted) {
    FlagSettings f = FlagSettings.of(region.traffic());
    if (f != null) {
      return "feature "
          + f.flag()
          + ": "
          + f.newVariant()
          + " at 0% of users, "
          + f.oldVariant()
          + " the default"
          + (f.hasAllowlist() && f.keepAllowlist()
              ? " (the allowlist keeps " + f.newVariant() + ")"
              : "");
    }
    if (spec.strategy().type() == io.glidepath.model.StrategyType.ROLLING) {
      return region.deployment().stable() + " runs its previous template (" + stable + ") again";
    }
    return (promoted ? region.deployment().stable() + " took back " + stable + "; " : "")
        + "100% on "
        + stable
        + ", new version scaled down";
  }

  /** The rollback card's sentence; a flag release names the flag and the share it was at. */
  static String rollbackTriggered(ReleaseSpec spec, int stage, int weight, String why) {
    FlagSettings f = flag(spec);
    if (f == null) {
      return rollbackTriggered(stage, weight, why);
    }
    return "rollback triggered at stage "
        + stage
        + " (feature "
        + f.flag()
        + " at "
        + weight
        + "% of users), every user back on "
        + f.oldVariant()
        + ": "
        + why;
  }

  static String rollbackTriggered(int stage, int weight, String why) {
    return "rollback triggered at stage "
        + stage
        + " ("
        + weight
        + "%), traffic back on stable: "
        + why;
  }

  /** A hold's card: what holds, why, and the two commands that end it. */
  static String holding(ReleaseSpec spec, String region, int weight, String why) {
    return "holding at "
        + weight
        + "% until someone resumes or rolls back: "
        + why
        + ". To go on: glidepath release resume "
        + spec.service()
        + " --by <you> --reason <why>; to roll back: glidepath release rollback "
        + spec.service()
        + " --region "
        + region
        + " --by <you> --reason <why>";
  }
}
