package io.glidepath.environment;

import java.util.ArrayList;
import java.util.List;

/** Builds {@code env status}'s rows from a ledger at a moment: a pure function, no Temporal. */
public final class EnvironmentsView {
  private EnvironmentsView() {}

  public static List<EnvironmentRow> rows(LedgerState ledger, long nowMillis) {
    List<EnvironmentRule> order = ledger.order();
    List<EnvironmentRow> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String name = order.get(i).name();
      EnvironmentRun serving = serving(ledger.runs(), name);
      EnvironmentRun last = null;
      String releasing = null;
      for (EnvironmentRun r : ledger.runs()) {
        if (r.environment().equals(name)) {
          last = r;
          if (r.outcome() == RunOutcome.RUNNING) {
            releasing = r.version();
          }
        }
      }
      boolean verified = false;
      long from = 0;
      if (serving != null) {
        if (i + 1 < order.size()) {
          Admission next =
              PromotionRules.admit(
                  withoutOverrides(ledger), order.get(i + 1).name(), serving.version(), nowMillis);
          verified = next.allowed();
          from = next.allowedFromMillis();
        } else {
          // The last environment: verified when nothing here or upstream blocks the version, so
          // one let in by an override over a rollback upstream does not read as verified.
          EnvironmentRun latest = PromotionRules.last(ledger.runs(), name, serving.version());
          verified =
              latest != null
                  && !latest.outcome().blocks()
                  && (i == 0
                      || PromotionRules.admit(
                              withoutOverrides(ledger), name, serving.version(), Long.MAX_VALUE / 2)
                          .allowed());
        }
      }
      String candidate = null;
      Admission admission = null;
      if (i > 0) {
        EnvironmentRun before = serving(ledger.runs(), order.get(i - 1).name());
        if (before != null
            && (serving == null || !serving.version().equals(before.version()))
            && (releasing == null || !releasing.equals(before.version()))
            && !completedHere(ledger.runs(), name, before.version())) {
          candidate = before.version();
          admission = PromotionRules.admit(ledger, name, candidate, nowMillis);
        }
      }
      out.add(
          new EnvironmentRow(
              name,
              serving == null ? null : serving.version(),
              serving == null ? 0 : serving.endedMillis(),
              verified,
              from,
              releasing,
              last,
              candidate,
              admission));
    }
    return out;
  }

  private static LedgerState withoutOverrides(LedgerState l) {
    return new LedgerState(l.service(), l.order(), l.runs(), List.of(), List.of());
  }

  /** Whether {@code version} completed in {@code environment} before (an older one, not next). */
  private static boolean completedHere(
      List<EnvironmentRun> runs, String environment, String version) {
    return runs.stream()
        .anyMatch(
            r ->
                r.environment().equals(environment)
                    && r.version().equals(version)
                    && r.outcome() == RunOutcome.COMPLETED);
  }

  /** The version serving {@code environment}: its latest completed release, or {@code null}. */
  static EnvironmentRun serving(List<EnvironmentRun> runs, String environment) {
    EnvironmentRun found = null;
    for (EnvironmentRun r : runs) {
      if (r.environment().equals(environment)
          && r.outcome() == RunOutcome.COMPLETED
          && (found == null || r.endedMillis() >= found.endedMillis())) {
        found = r;
      }
    }
    return found;
  }
}
