package io.glidepath.region;

import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.model.AnalysisSpec;
import io.glidepath.model.OutcomePolicy;

/**
 * The one mapping from what a window saw to what the region does, shared by stage observation,
 * holds, gates and the watch at 100%. Pure: no workflow calls, so it is tested alone.
 */
public final class VerdictPolicy {
  private VerdictPolicy() {}

  /** What the region does after a window. */
  public enum Action {
    /** The window passed: go on. */
    PASS,
    /** Put all traffic back on stable. */
    ROLL_BACK,
    /** Stay at the current weight, watched, until a person resumes or rolls back. */
    HOLD,
    /** Go on without a verdict, and tell people. */
    PROCEED_WITH_ALERT
  }

  /** The action the spec's policies give for {@code s}. */
  public static Action decide(WindowSummary s, AnalysisSpec analysis) {
    return switch (s.verdict()) {
      case PASS -> Action.PASS;
      case FAIL -> Action.ROLL_BACK;
      case INCONCLUSIVE -> of(analysis.noData());
      case ERROR -> of(analysis.onError());
    };
  }

  /** Why a window that did not pass leads to its action, in words for the timeline and cards. */
  public static String why(WindowSummary s) {
    return s.verdict() == Verdict.ERROR
        ? "metrics unavailable: " + s.reason()
        : s.verdict() == Verdict.INCONCLUSIVE ? "no usable data: " + s.reason() : s.reason();
  }

  private static Action of(OutcomePolicy p) {
    return switch (p) {
      case ROLLBACK -> Action.ROLL_BACK;
      case HOLD -> Action.HOLD;
      case PROCEED -> Action.PROCEED_WITH_ALERT;
    };
  }
}
