package io.glidepath.notify;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What every chat card says, whatever its format: which events count, titles and the facts. */
final class Cards {
  private Cards() {}

  /** Events that go to the incidents channel. */
  static final Set<EventType> INCIDENTS =
      Set.of(
          EventType.ROLLBACK_TRIGGERED,
          EventType.ATTENTION,
          EventType.ESCALATION,
          EventType.RELEASE_FAILED,
          EventType.REGION_PROTECTED);

  /** Events that go to the successes channel; the rest (stage passes, region starts) do not. */
  static final Set<EventType> SUCCESSES =
      Set.of(
          EventType.RELEASE_STARTED,
          EventType.APPROVAL_NEEDED,
          EventType.APPROVED,
          EventType.REGION_COMPLETED,
          EventType.RELEASE_COMPLETED,
          EventType.SUMMARY);

  static String incidentTitle() {
    return "Incident: rollback triggered";
  }

  /** The card's first sentence: who or what rolled the region back. */
  static String incidentSummary(ReleaseEvent e) {
    String what = e.subject();
    ReleaseEvent.Incident i = e.incident();
    ReleaseEvent.Cause cause = i == null ? ReleaseEvent.Cause.BREACH : i.cause();
    return switch (cause) {
      case BREACH -> what + " was rolled back automatically in " + e.region() + ".";
      case PERSON -> what + " was rolled back by " + i.by() + " in " + e.region() + ".";
      case TIMEOUT -> what + " was rolled back in " + e.region() + ": an approval gate timed out.";
      case ABORT -> what + " was rolled back in " + e.region() + ": the release was aborted.";
      case FAILURE -> what + " was rolled back in " + e.region() + " after a step failed.";
    };
  }

  /** The seed's Quick Card fields, in order, worded for the release's strategy. */
  static Map<String, String> incidentFacts(ReleaseEvent e) {
    boolean promoted = e.incident() != null && e.incident().promoted();
    Map<String, String> facts = new LinkedHashMap<>();
    if (e.environment() != null) {
      facts.put("Environment", e.environment());
    }
    facts.put("Region", e.region());
    facts.put("Stage", stage(e));
    facts.put(
        "Impact",
        e.feature() == null
            ? "Rollback triggered, traffic back on stable"
            : "Rollback triggered, every user back on the old variant");
    facts.put("Cause", cause(e));
    facts.put(
        "Resolution",
        e.feature() != null
            ? "Feature "
                + e.feature()
                + ": the new variant at 0% of users"
                + (promoted ? ", the old variant the default again" : "")
            : "rolling".equals(e.strategy())
                ? "The Deployment's previous pod template is back"
                : promoted
                    ? "The stable Deployment took back its previous template; all traffic on it;"
                        + " the new version is scaled down"
                    : "All traffic on the stable version; the new version is scaled down");
    facts.put("Status", "Rolled back, investigation needed");
    return facts;
  }

  private static String stage(ReleaseEvent e) {
    if (e.feature() != null) {
      return "Feature "
          + e.feature()
          + " at "
          + e.weight()
          + "% of users (stage "
          + e.stage()
          + ")";
    }
    if ("blue-green".equals(e.strategy())) {
      return "Blue-green switch, " + e.weight() + "% on green";
    }
    if ("rolling".equals(e.strategy())) {
      return "Rolling update in place";
    }
    return "Canary at " + e.weight() + "% (stage " + e.stage() + ")";
  }

  /** One line for a notice: what happened, where. */
  static String noticeLine(ReleaseEvent e) {
    return e.subject() + (e.region() == null ? "" : " in " + e.region()) + ": " + e.message();
  }

  /** The failing values, e.g. "p95-latency 520 ms > 450 ms"; the event's message when none. */
  static String cause(ReleaseEvent e) {
    List<QueryVerdict> failing =
        e.values().stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
    if (failing.isEmpty()) {
      return e.message();
    }
    return failing.stream().map(QueryVerdict::describe).collect(Collectors.joining("\n"));
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
