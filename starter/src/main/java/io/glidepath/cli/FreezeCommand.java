package io.glidepath.cli;

import io.glidepath.flow.LineFreeze;
import io.glidepath.line.LineStatus;
import io.glidepath.line.StopTheLine;
import io.glidepath.status.MessageLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath freeze}: stops the line during an incident (every release, or one service's):
 * running releases hold before their next traffic increase, new ones are refused. {@code --status}
 * shows the freezes in force.
 */
@Command(
    name = "freeze",
    description =
        "Stop the line: running releases hold before their next traffic increase (rollbacks still"
            + " run) and new ones are refused, until unfreeze.")
final class FreezeCommand extends Connected {
  @Option(names = "--service", description = "freeze only this service's releases (default: all)")
  String service;

  @Option(
      names = "--reason",
      description = "why, for everyone who sees it (at most " + MessageLimits.MAX_REASON + ")")
  String reason;

  @Option(
      names = "--by",
      defaultValue = "${sys:user.name}",
      description = "who freezes (default: your user name)")
  String by;

  @Option(names = "--status", description = "show the freezes in force and change nothing")
  boolean status;

  @Override
  public Integer call() {
    if (status) {
      LineStatus line = StopTheLine.status(temporal.client());
      if (line.freezes().isEmpty()) {
        out().println("the line moves: no freeze in force");
      }
      line.freezes().forEach(f -> out().println(f.describe()));
      return ExitCodes.OK;
    }
    LineFreeze f =
        new LineFreeze(
            service, Inputs.identity("--by", by), temporal.identity(), Inputs.reason(reason), 0);
    out().println(StopTheLine.freeze(temporal.client(), f)); // a refusal is shown as is, exit 2
    out().println("running releases hold before their next increase; new ones are refused");
    return ExitCodes.OK;
  }

  /**
   * The freeze that covers {@code service}, or {@code null}. Without a worker nothing can move, so
   * the switch is not asked (its query would wait for one).
   */
  static LineFreeze covering(TemporalOptions temporal, String service) {
    if (!Workers.polling(
        temporal.client(), temporal.namespace, io.glidepath.line.StopTheLineWorkflow.ID)) {
      return null;
    }
    return StopTheLine.status(temporal.client()).covering(service);
  }
}
