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
    long atMillis) {
  public ReleaseEvent {
    values = values == null ? List.of() : List.copyOf(values);
  }
}
