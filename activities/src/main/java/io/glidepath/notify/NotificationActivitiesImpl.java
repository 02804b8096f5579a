package io.glidepath.notify;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each release event to every sink. A failing sink is logged and counted and never stops the
 * others. The activity fails only when every sink that tried failed, so its bounded retries apply
 * without sending twice to a sink that succeeded.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);
  private final List<ReleaseEventSink> sinks;
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

  public NotificationActivitiesImpl(List<ReleaseEventSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void publish(ReleaseEvent event) {
    RuntimeException last = null;
    int sent = 0;
    String runId = runId();
    for (ReleaseEventSink sink : sinks) {
      try {
        sent += sink.send(event, runId) ? 1 : 0;
      } catch (RuntimeException e) {
        failures.computeIfAbsent(sink.name(), k -> new AtomicLong()).incrementAndGet();
        log.warn(
            "{} could not deliver {} for {} ({}): {}",
            sink.name(),
            event.type(),
            event.correlationId(),
            event.region(),
            e.getMessage());
        last = e;
      }
    }
    if (last != null && sent == 0) {
      throw last instanceof ApplicationFailure af
          ? af
          : ApplicationFailure.newFailure(last.getMessage(), "NotificationFailed");
    }
  }

  /** The run of the workflow that sent the event; null outside an activity (direct calls). */
  private static String runId() {
    try {
      return io.temporal.activity.Activity.getExecutionContext().getInfo().getRunId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** How many deliveries to {@code sink} failed since this worker started. */
  public long failures(String sink) {
    AtomicLong n = failures.get(sink);
    return n == null ? 0 : n.get();
  }
}
