package io.glidepath.cli.line;

import io.glidepath.cli.common.Connected;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.cli.common.Workers;
import io.glidepath.flow.LineStop;
import io.glidepath.line.StopTheLine;
import io.glidepath.status.MessageLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath line stop}: stops the line during an incident (every release, or one service's):
 * running releases hold before their next traffic increase, new ones are refused. "Freeze" is kept
 * for the spec's scheduled freezes ({@code schedule.freezes}).
 */
@Command(
    name = "stop",
    description =
        "Stop the line: running releases hold before their next traffic increase (rollbacks still"
            + " run) and new ones are refused, until line resume.")
public class LineStopCommand extends Connected {
  @Option(names = "--service", description = "stop only this service's releases (default: all)")
  String service;

  @Option(
      names = "--reason",
      description = "why, for everyone who sees it (at most " + MessageLimits.MAX_REASON + ")")
  String reason;

  @Option(
      names = "--by",
      defaultValue = "${sys:user.name}",
      description = "who stops the line (default: your user name)")
  String by;

  @Override
  public Integer call() {
    LineStop f =
        new LineStop(
            service, Inputs.identity("--by", by), temporal.identity(), Inputs.reason(reason), 0);
    out().println(StopTheLine.freeze(temporal.client(), f)); // a refusal is shown as is, exit 2
    out().println("running releases hold before their next increase; new ones are refused");
    return ExitCodes.OK;
  }

  /**
   * The freeze that covers {@code service}, or {@code null}. Without a worker nothing can move, so
   * the switch is not asked (its query would wait for one).
   */
  public static LineStop covering(TemporalOptions temporal, String service) {
    if (!Workers.polling(
        temporal.client(), temporal.namespace, io.glidepath.line.StopTheLineWorkflow.ID)) {
      return null;
    }
    return StopTheLine.status(temporal.client()).covering(service);
  }
}
