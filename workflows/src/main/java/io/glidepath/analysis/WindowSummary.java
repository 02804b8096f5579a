package io.glidepath.analysis;

import java.util.List;

/**
 * What one observation window saw. The workflow applies the policy: a {@code FAIL} rolls back,
 * {@code INCONCLUSIVE} and {@code ERROR} go to the spec's noData and onError policies.
 *
 * @param verdict the window's verdict; anything but PASS may end a window early
 * @param last the verdicts of the last check, with their measured values
 * @param reason a sentence naming what decided the verdict
 */
public record WindowSummary(
    Verdict verdict,
    int checks,
    int passed,
    int failed,
    int inconclusive,
    int errors,
    List<QueryVerdict> last,
    String reason) {
  public WindowSummary {
    last = last == null ? List.of() : List.copyOf(last);
  }
}
