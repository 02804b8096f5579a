package io.glidepath.region;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.WindowSummary;
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
        + "% on the new version"
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

  static String started(ReleaseSpec spec, String region, String stableVersion) {
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
    if (spec.strategy().type() == io.glidepath.model.StrategyType.ROLLING) {
      return region.deployment().stable() + " runs its previous template (" + stable + ") again";
    }
    return (promoted ? region.deployment().stable() + " took back " + stable + "; " : "")
        + "100% on "
        + stable
        + ", new version scaled down";
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
