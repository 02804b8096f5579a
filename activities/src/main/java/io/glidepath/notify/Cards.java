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

  static String incidentSummary(ReleaseEvent e) {
    return e.service()
        + " "
        + e.version()
        + " was rolled back automatically in "
        + e.region()
        + ".";
  }

  /** The seed's Quick Card fields, in order. */
  static Map<String, String> incidentFacts(ReleaseEvent e) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Region", e.region());
    facts.put("Stage", "Canary rollout at " + e.weight() + "% (stage " + e.stage() + ")");
    facts.put("Impact", "Rollback triggered, traffic back on stable");
    facts.put("Cause", cause(e));
    facts.put("Resolution", "All traffic on the stable version; the new version is scaled down");
    facts.put("Status", "Rolled back, investigation needed");
    return facts;
  }

  /** One line for a notice: what happened, where. */
  static String noticeLine(ReleaseEvent e) {
    return e.service()
        + " "
        + e.version()
        + (e.region() == null ? "" : " in " + e.region())
        + ": "
        + e.message();
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
