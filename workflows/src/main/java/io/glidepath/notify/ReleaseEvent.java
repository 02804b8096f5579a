package io.glidepath.notify;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.model.NotificationSpec;
import java.util.List;

/**
 * One notable moment of a release, as sent to Slack, Teams, Grafana and the Pushgateway.
 *
 * @param correlationId the workflow id that emitted it, carried into every card and annotation
 * @param region {@code null} for release-wide events
 * @param stage 1-based canary stage, or 0
 * @param weight percentage of traffic on the new version at that moment
 * @param message one human sentence: what happened and, for a rollback, why
 * @param values the measured values behind a decision, if any
 * @param targets where to send it, by secret name
 * @param strategy the release's strategy ({@code canary}, {@code blue-green}, {@code rolling}), so
 *     cards word it right, or {@code flag:<key>} for a flag release; {@code null} in events from
 *     before it existed
 * @param incident for a rollback, what caused it and by whom; else {@code null}
 * @param gate the approval gate an approval-needed card is about (its text form, e.g. {@code
 *     stage:eu-west:2}), so a chat card can carry buttons for it; else {@code null}
 * @param environment the service's environment the release goes to (staging, prod), or {@code null}
 *     for a release of a spec without environments
 */
public record ReleaseEvent(
    EventType type,
    String correlationId,
    String service,
    String version,
    String region,
    int stage,
    int weight,
    String message,
    List<QueryVerdict> values,
    NotificationSpec targets,
    long atMillis,
    String strategy,
    Incident incident,
    String gate,
    String environment) {
  /** The {@code strategy} of a flag release's events starts with this, then the flag's key. */
  public static final String FLAG_PREFIX = "flag:";

  public ReleaseEvent {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** An event of a release without environments. */
  public ReleaseEvent(
      EventType type,
      String correlationId,
      String service,
      String version,
      String region,
      int stage,
      int weight,
      String message,
      List<QueryVerdict> values,
      NotificationSpec targets,
      long atMillis,
      String strategy,
      Incident incident,
      String gate) {
    this(
        type,
        correlationId,
        service,
        version,
        region,
        stage,
        weight,
        message,
        values,
        targets,
        atMillis,
        strategy,
        incident,
        gate,
        null);
  }

  /** The flag a flag release moves, or {@code null} for a version release. */
  public String feature() {
    return strategy != null && strategy.startsWith(FLAG_PREFIX)
        ? strategy.substring(FLAG_PREFIX.length())
        : null;
  }

  /**
   * What the release moves, as cards name it: {@code checkout 2.4.0}, or {@code checkout feature
   * new-checkout}, with the environment when there is one ({@code checkout 2.4.0 (staging)}).
   */
  public String subject() {
    return service
        + (feature() == null ? " " + version : " feature " + feature())
        + (environment == null ? "" : " (" + environment + ")");
  }

  /** An event about no gate. */
  public ReleaseEvent(
      EventType type,
      String correlationId,
      String service,
      String version,
      String region,
      int stage,
      int weight,
      String message,
      List<QueryVerdict> values,
      NotificationSpec targets,
      long atMillis,
      String strategy,
      Incident incident) {
    this(
        type,
        correlationId,
        service,
        version,
        region,
        stage,
        weight,
        message,
        values,
        targets,
        atMillis,
        strategy,
        incident,
        null);
  }

  public ReleaseEvent(
      EventType type,
      String correlationId,
      String service,
      String version,
      String region,
      int stage,
      int weight,
      String message,
      List<QueryVerdict> values,
      NotificationSpec targets,
      long atMillis) {
    this(
        type,
        correlationId,
        service,
        version,
        region,
        stage,
        weight,
        message,
        values,
        targets,
        atMillis,
        null,
        null,
        null);
  }

  /**
   * Why a region rolled back.
   *
   * @param by who asked for it, for {@link Cause#PERSON}
   * @param promoted whether the new version had been promoted into the stable Deployment
   */
  public record Incident(Cause cause, String by, boolean promoted) {}

  /** What started a rollback. */
  public enum Cause {
    /** The analysis saw a breach (or a policy said roll back). */
    BREACH,
    /** A person asked for it. */
    PERSON,
    /** An approval gate timed out with {@code onTimeout: abort}. */
    TIMEOUT,
    /** The release was aborted. */
    ABORT,
    /** A step failed (a deployment, a hook). */
    FAILURE
  }
}
