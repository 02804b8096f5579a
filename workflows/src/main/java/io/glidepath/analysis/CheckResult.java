package io.glidepath.analysis;

import java.util.List;

/** All query verdicts of one check, taken at {@code atMillis}. */
public record CheckResult(long atMillis, List<QueryVerdict> verdicts) {
  public CheckResult {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
  }

  /** Fail beats error beats inconclusive beats pass; a check with no queries is inconclusive. */
  public Verdict verdict() {
    if (verdicts.isEmpty()) {
      return Verdict.INCONCLUSIVE;
    }
    for (Verdict v : List.of(Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)) {
      if (verdicts.stream().anyMatch(q -> q.verdict() == v)) {
        return v;
      }
    }
    return Verdict.PASS;
  }
}
