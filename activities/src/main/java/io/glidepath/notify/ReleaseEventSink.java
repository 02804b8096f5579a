package io.glidepath.notify;

/** One place release events go: Slack, Teams, Grafana, the Pushgateway. */
public interface ReleaseEventSink {

  /** A short name for logs and failure counts, e.g. {@code slack}. */
  String name();

  /**
   * Sends {@code event} if this sink takes it and the spec names a target for it, and says whether
   * it sent anything. Fails with a retryable failure for transient faults and a non-retryable one
   * for a rejected request, naming the secret, never its value.
   */
  boolean send(ReleaseEvent event);

  /**
   * {@link #send(ReleaseEvent)}, knowing the run of the workflow that sent it ({@code null} when
   * unknown), which decision buttons name.
   */
  default boolean send(ReleaseEvent event, String runId) {
    return send(event);
  }
}
