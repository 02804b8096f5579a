package io.glidepath.environment;

/**
 * One version's release into one environment, as the ledger recorded it.
 *
 * @param endedMillis when it ended (or, for a failed verification, when that was recorded); 0 while
 *     it runs
 * @param note why it ended so (the release's summary, the refusal, the reason given), or an
 *     override it went in under; may be {@code null}
 */
public record EnvironmentRun(
    String environment,
    String version,
    String image,
    String by,
    long startedMillis,
    long endedMillis,
    RunOutcome outcome,
    String note) {

  /** This run, ended with {@code outcome} at {@code atMillis}. */
  public EnvironmentRun ended(RunOutcome outcome, long atMillis, String note) {
    return new EnvironmentRun(
        environment, version, image, by, startedMillis, atMillis, outcome, note);
  }

  /** When its outcome was reached: its end, or its start while it runs. */
  public long atMillis() {
    return endedMillis == 0 ? startedMillis : endedMillis;
  }
}
