package io.glidepath.notify;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.flow.ActivityPolicies;
import io.glidepath.model.NotificationSpec;
import io.glidepath.model.ReleaseSpec;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Sends release events from workflow code without waiting for them: a failed notification is logged
 * and never fails or blocks the release. {@link #drain()} lets a workflow wait for what is in
 * flight before it completes.
 */
public final class WorkflowNotifier {
  private static final Logger log = Workflow.getLogger(WorkflowNotifier.class);
  private final NotificationActivities activities =
      Workflow.newActivityStub(NotificationActivities.class, ActivityPolicies.notification());
  private final List<Promise<Void>> inFlight = new ArrayList<>();
  private final ReleaseSpec spec;

  public WorkflowNotifier(ReleaseSpec spec) {
    this.spec = spec;
  }

  /** Sends one event, stamped with this workflow's id as correlation id and the current time. */
  public void send(
      EventType type,
      String region,
      int stage,
      int weight,
      String message,
      List<QueryVerdict> values) {
    publish(type, region, stage, weight, message, values, spec.notifications(), null, null);
  }

  /** Sends the approval-needed card of {@code gate}, which chat cards turn into buttons. */
  public void gate(String gate, String region, int stage, int weight, String message) {
    publish(
        EventType.APPROVAL_NEEDED,
        region,
        stage,
        weight,
        message,
        null,
        spec.notifications(),
        null,
        gate);
  }

  /** Sends the incident card of a region's rollback, with its cause. */
  public void rollback(
      String region,
      int stage,
      int weight,
      String message,
      List<QueryVerdict> values,
      ReleaseEvent.Incident incident) {
    publish(
        EventType.ROLLBACK_TRIGGERED,
        region,
        stage,
        weight,
        message,
        values,
        spec.notifications(),
        incident,
        null);
  }

  /**
   * Sends an escalation card to the webhook the escalation names (as the Slack incidents webhook)
   * and to the release's Teams channel.
   */
  public void escalate(String region, int stage, int weight, String message, String webhook) {
    NotificationSpec n = spec.notifications();
    publish(
        EventType.ESCALATION,
        region,
        stage,
        weight,
        message,
        null,
        new NotificationSpec(null, webhook, n == null ? null : n.teams(), null),
        null,
        null);
  }

  private void publish(
      EventType type,
      String region,
      int stage,
      int weight,
      String message,
      List<QueryVerdict> values,
      NotificationSpec targets,
      ReleaseEvent.Incident incident,
      String gate) {
    ReleaseEvent event =
        new ReleaseEvent(
            type,
            Workflow.getInfo().getWorkflowId(),
            spec.service(),
            spec.version(),
            region,
            stage,
            weight,
            message,
            values,
            targets,
            Workflow.currentTimeMillis(),
            strategy(spec),
            incident,
            gate,
            spec.environment());
    // Detached: an abort or cancel of the release must not cancel the cards that report it.
    List<Promise<Void>> sent = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(
            () -> sent.add(Async.procedure(activities::publish, event)))
        .run();
    inFlight.add(
        sent.get(0)
            .exceptionally(
                failure -> {
                  log.warn("notification {} for {} failed: {}", type, region, failure.getMessage());
                  return null;
                }));
  }

  /** Waits for every notification in flight; their failures were already logged. */
  public void drain() {
    Promise.allOf(inFlight).get();
    inFlight.clear();
  }

  /**
   * The strategy as cards word it: its id, or for a flag release {@code flag:<key>} ({@link
   * ReleaseEvent#FLAG_PREFIX}), so cards name the feature instead of a version.
   */
  static String strategy(io.glidepath.model.ReleaseSpec spec) {
    io.glidepath.model.FlagSettings f = io.glidepath.model.FlagSettings.ofRelease(spec);
    return f == null ? spec.strategy().type().id() : ReleaseEvent.FLAG_PREFIX + f.flag();
  }
}
