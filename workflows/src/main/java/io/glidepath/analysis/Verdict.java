package io.glidepath.analysis;

/** The outcome of one query, or one check, or one window. */
public enum Verdict {
  /** Within the threshold. */
  PASS,
  /** Beyond the threshold. */
  FAIL,
  /** No data or too little traffic to judge; never counted as a pass. */
  INCONCLUSIVE,
  /** The metrics provider could not answer. */
  ERROR
}
