package io.glidepath.environment;

import io.glidepath.flow.Deadlines;
import io.glidepath.model.Quantities;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Whether a version may enter an environment: the rules, as one pure function of what the ledger
 * recorded and the time. The ledger's update validator applies them before anything moves, and
 * {@code env status} applies them to say which version may go next.
 *
 * <p>A version may enter the first environment at any time. It may enter a later one when its last
 * release in the environment before completed at least that environment's {@code verifiedFor} ago
 * and no other version completed there since (it still ran there all that time), and when its last
 * record in every earlier environment is not a rollback, an abort or a failed verification. An
 * override by a person lets it in regardless.
 */
public final class PromotionRules {
  private PromotionRules() {}

  public static Admission admit(LedgerState ledger, String target, String version, long nowMillis) {
    List<EnvironmentRule> order = ledger.order();
    int at = indexOf(order, target);
    if (at < 0) {
      return Admission.no(
          "no environment "
              + target
              + (order.isEmpty()
                  ? ""
                  : "; the spec names "
                      + String.join(", ", order.stream().map(EnvironmentRule::name).toList())));
    }
    for (Ruling o : ledger.overrides()) {
      if (o.version().equals(version) && o.environment().equals(target)) {
        return new Admission(
            true,
            "let through by " + o.by() + " at " + time(o.atMillis()) + ": " + o.reason(),
            0,
            o);
      }
    }
    if (at == 0) {
      return Admission.yes(target + " is the first environment; it takes any version");
    }
    for (int i = 0; i < at; i++) {
      EnvironmentRun last = last(ledger.runs(), order.get(i).name(), version);
      if (last != null && last.outcome().blocks()) {
        return Admission.no(
            version
                + " is blocked: it "
                + last.outcome().words()
                + " in "
                + last.environment()
                + " at "
                + time(last.atMillis())
                + (last.note() == null ? "" : " (" + last.note() + ")")
                + "; a person may let it through with a reason: glidepath env override "
                + ledger.service()
                + " "
                + version
                + " --to "
                + target
                + " --reason ...");
      }
    }
    EnvironmentRule rule = order.get(at);
    String previous = order.get(at - 1).name();
    EnvironmentRun last = last(ledger.runs(), previous, version);
    if (last == null || last.outcome() == RunOutcome.NOT_STARTED) {
      return Admission.no(
          version
              + " has not run in "
              + previous
              + "; "
              + target
              + " takes a version only after it completed there (glidepath env deliver "
              + ledger.service()
              + " "
              + version
              + " --to "
              + previous
              + ")");
    }
    if (last.outcome() == RunOutcome.RUNNING) {
      return Admission.no(
          version
              + " is still being released to "
              + previous
              + " (since "
              + time(last.startedMillis())
              + "); "
              + target
              + " takes it once it completed there"
              + (rule.verifiedFor().isZero()
                  ? ""
                  : " and ran " + Quantities.format(rule.verifiedFor())));
    }
    long completed = last.endedMillis();
    long due = Deadlines.after(completed, rule.verifiedFor());
    EnvironmentRun replaced = replacedAfter(ledger.runs(), previous, version, completed);
    if (replaced != null && replaced.endedMillis() < due) {
      return Admission.no(
          version
              + " ran in "
              + previous
              + " only "
              + Quantities.format(Duration.ofMillis(replaced.endedMillis() - completed))
              + " (from "
              + time(completed)
              + " until "
              + replaced.version()
              + " replaced it at "
              + time(replaced.endedMillis())
              + "); "
              + target
              + " needs "
              + Quantities.format(rule.verifiedFor())
              + " there: deliver it to "
              + previous
              + " again");
    }
    if (nowMillis < due) {
      return new Admission(
          false,
          version
              + " completed in "
              + previous
              + " at "
              + time(completed)
              + "; "
              + target
              + " takes it once it ran there "
              + Quantities.format(rule.verifiedFor())
              + ": from "
              + time(due)
              + " (in "
              + Quantities.format(
                  Duration.ofMillis(due - nowMillis).truncatedTo(ChronoUnit.SECONDS))
              + ")",
          due,
          null);
    }
    return Admission.yes(
        version
            + " completed in "
            + previous
            + " at "
            + time(completed)
            + (rule.verifiedFor().isZero()
                ? ""
                : " and ran there " + Quantities.format(rule.verifiedFor()) + " since"));
  }

  static int indexOf(List<EnvironmentRule> order, String name) {
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The version's latest record in {@code environment}, or {@code null}. */
  public static EnvironmentRun last(List<EnvironmentRun> runs, String environment, String version) {
    EnvironmentRun found = null;
    for (EnvironmentRun r : runs) {
      if (r.environment().equals(environment)
          && r.version().equals(version)
          && (found == null || r.atMillis() >= found.atMillis())) {
        found = r;
      }
    }
    return found;
  }

  /** The first other version that completed in {@code environment} after {@code sinceMillis}. */
  private static EnvironmentRun replacedAfter(
      List<EnvironmentRun> runs, String environment, String version, long sinceMillis) {
    EnvironmentRun first = null;
    for (EnvironmentRun r : runs) {
      if (r.environment().equals(environment)
          && !r.version().equals(version)
          && r.outcome() == RunOutcome.COMPLETED
          && r.endedMillis() > sinceMillis
          && (first == null || r.endedMillis() < first.endedMillis())) {
        first = r;
      }
    }
    return first;
  }

  /** A moment as people read it: {@code 2026-12-03T16:00:00Z}. */
  public static String time(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
