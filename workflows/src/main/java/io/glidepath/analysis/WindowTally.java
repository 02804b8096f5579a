package io.glidepath.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The consecutive-breach policy of one observation window, as an immutable value: counts checks,
 * tracks consecutive failures per query and consecutive inconclusive and error checks, and says
 * when the window must end early. The observation activity heartbeats it, so a retried attempt
 * resumes the counts instead of starting over.
 */
public record WindowTally(
    int checks,
    int passed,
    int failed,
    int inconclusive,
    int errors,
    Map<String, Integer> consecutiveFailures,
    int consecutiveInconclusive,
    int consecutiveErrors,
    List<QueryVerdict> last,
    Verdict decided,
    String reason) {
  public WindowTally {
    consecutiveFailures = consecutiveFailures == null ? Map.of() : Map.copyOf(consecutiveFailures);
    last = last == null ? List.of() : List.copyOf(last);
  }

  /** A window before its first check. */
  public static WindowTally start() {
    return new WindowTally(0, 0, 0, 0, 0, Map.of(), 0, 0, List.of(), null, null);
  }

  /** Whether a limit was reached and the window must end now with {@link #decided()}. */
  public boolean done() {
    return decided != null;
  }

  /** Adds one check and decides whether a limit was reached. */
  public WindowTally add(CheckResult check, ObservationRequest request) {
    Map<String, Integer> streaks = new HashMap<>(consecutiveFailures);
    String breached = null;
    for (QueryVerdict q : check.verdicts()) {
      int n = q.verdict() == Verdict.FAIL ? streaks.getOrDefault(q.name(), 0) + 1 : 0;
      streaks.put(q.name(), n);
      int limit =
          request.checks().stream()
              .filter(c -> c.name().equals(q.name()))
              .mapToInt(QueryCheck::failureLimit)
              .findFirst()
              .orElse(1);
      if (n >= limit && breached == null) {
        breached = q.describe() + ", " + n + (n == 1 ? " check" : " consecutive checks");
      }
    }
    Verdict v = check.verdict();
    int inconclusiveRun = v == Verdict.INCONCLUSIVE ? consecutiveInconclusive + 1 : 0;
    int errorRun = v == Verdict.ERROR ? consecutiveErrors + 1 : 0;
    Verdict decision = null;
    String why = null;
    if (breached != null) {
      decision = Verdict.FAIL;
      why = breached;
    } else if (errorRun > request.errorLimit()) {
      decision = Verdict.ERROR;
      why = errorRun + " consecutive checks could not reach the metrics: " + details(check);
    } else if (inconclusiveRun > request.inconclusiveLimit()) {
      decision = Verdict.INCONCLUSIVE;
      why = inconclusiveRun + " consecutive checks without usable data: " + details(check);
    }
    return new WindowTally(
        checks + 1,
        passed + (v == Verdict.PASS ? 1 : 0),
        failed + (v == Verdict.FAIL ? 1 : 0),
        inconclusive + (v == Verdict.INCONCLUSIVE ? 1 : 0),
        errors + (v == Verdict.ERROR ? 1 : 0),
        streaks,
        inconclusiveRun,
        errorRun,
        check.verdicts(),
        decision,
        why);
  }

  /**
   * The window's summary. A window that ends without reaching a limit passes only if at least one
   * check passed: a window of nothing but inconclusive checks never passes silently.
   */
  public WindowSummary summary() {
    Verdict v = decided;
    String why = reason;
    if (v == null) {
      if (passed > 0) {
        v = Verdict.PASS;
        why = passed + " of " + checks + " checks passed";
      } else if (checks == 0) {
        v = Verdict.INCONCLUSIVE;
        why = "no check ran in the window";
      } else if (errors > inconclusive) {
        v = Verdict.ERROR;
        why = "no check of " + checks + " reached the metrics";
      } else {
        v = Verdict.INCONCLUSIVE;
        why = "no check of " + checks + " had usable data";
      }
    }
    return new WindowSummary(v, checks, passed, failed, inconclusive, errors, last, why);
  }

  private static String details(CheckResult check) {
    return check.verdicts().stream()
        .filter(q -> q.verdict() != Verdict.PASS)
        .map(QueryVerdict::describe)
        .collect(Collectors.joining("; "));
  }
}
