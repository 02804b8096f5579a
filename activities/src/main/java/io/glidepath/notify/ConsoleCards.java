package io.glidepath.notify;

import java.io.PrintStream;
import java.util.Map;

/**
 * Prints the incident card, as Slack and Teams would show it, to a terminal, and one line for every
 * event that needs a person (a hold, an escalation): the sink of the sandbox and the demo, where no
 * chat is configured. Other events are left to the timeline.
 */
public final class ConsoleCards implements ReleaseEventSink {
  private final PrintStream out;

  public ConsoleCards(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public boolean send(ReleaseEvent event) {
    if (event.type() == EventType.ATTENTION || event.type() == EventType.ESCALATION) {
      out.printf(
          "  ! %s %s%s: %s%n",
          event.type() == EventType.ESCALATION ? "ESCALATION" : "ATTENTION",
          event.subject(),
          event.region() == null ? "" : " in " + event.region(),
          event.message());
      return true;
    }
    if (event.type() != EventType.ROLLBACK_TRIGGERED) {
      return false;
    }
    StringBuilder card = new StringBuilder();
    String rule = "  +" + "-".repeat(70);
    card.append(rule).append('\n');
    card.append("  | ").append(Cards.incidentTitle()).append('\n');
    card.append("  | ").append(Cards.incidentSummary(event)).append('\n');
    for (Map.Entry<String, String> f : Cards.incidentFacts(event).entrySet()) {
      String[] lines = f.getValue().split("\n");
      for (int i = 0; i < lines.length; i++) {
        card.append(String.format("  | %-11s %s%n", i == 0 ? f.getKey() : "", lines[i]));
      }
    }
    card.append("  | correlation ").append(event.correlationId()).append('\n');
    card.append(rule);
    out.println(card);
    return true;
  }
}
