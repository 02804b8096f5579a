package io.glidepath.analysis;

/** The metrics source could not answer (unreachable, overloaded): an error verdict, not a fail. */
public class MetricSourceUnavailableException extends RuntimeException {
  public MetricSourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
