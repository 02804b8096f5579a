package io.glidepath.flow;

import io.glidepath.model.Escalation;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Escalation of one open step (a gate, a pause, a hold): each of the spec's escalations is sent
 * once, when the step has been open for its {@code after}. Without escalations it waits exactly as
 * a plain {@code Workflow.await} would, so releases without them run the same commands as before.
 */
public final class Escalator {
  private final List<Escalation> steps;
  private final long openedAtMillis;
  private final Consumer<Escalation> send;
  private int sent;

  /**
   * @param send sends the escalation card; called from workflow code, once per escalation
   */
  public Escalator(List<Escalation> escalations, long openedAtMillis, Consumer<Escalation> send) {
    this.steps = escalations.stream().sorted(Comparator.comparing(Escalation::after)).toList();
    this.openedAtMillis = openedAtMillis;
    this.send = send;
  }

  /** A step that escalates to nobody: it waits exactly as a plain {@code Workflow.await}. */
  public static Escalator none() {
    return new Escalator(List.of(), Workflow.currentTimeMillis(), e -> {});
  }

  /** How long until the next escalation is due, or {@code null} when none is left. */
  public Duration untilNext(long nowMillis) {
    if (sent >= steps.size()) {
      return null;
    }
    long due = Deadlines.after(openedAtMillis, steps.get(sent).after());
    return Duration.ofMillis(Math.max(0, due - nowMillis));
  }

  /** Sends every escalation due by {@code nowMillis} that has not been sent. */
  public void fireDue(long nowMillis) {
    while (sent < steps.size()
        && Deadlines.after(openedAtMillis, steps.get(sent).after()) <= nowMillis) {
      send.accept(steps.get(sent++));
    }
  }

  /**
   * Waits until {@code done} holds or {@code timeout} has passed since the step opened ({@code
   * null}: no limit), escalating on the way. Returns whether {@code done} held.
   */
  public boolean await(Duration timeout, Supplier<Boolean> done) {
    long deadline = timeout == null ? Long.MAX_VALUE : Deadlines.after(openedAtMillis, timeout);
    while (true) {
      long now = Workflow.currentTimeMillis();
      Duration next = untilNext(now);
      if (next == null || Deadlines.after(now, next) >= deadline) {
        break;
      }
      if (Timers.await(next, done)) {
        return true;
      }
      fireDue(Workflow.currentTimeMillis());
    }
    if (timeout == null) {
      Workflow.await(done);
      return true;
    }
    return Timers.await(
        Duration.ofMillis(Math.max(0, deadline - Workflow.currentTimeMillis())), done);
  }
}
