package io.glidepath.cli;

import io.glidepath.flow.LineStop;
import io.glidepath.line.LineStatus;
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
class LineStopCommand extends Connected {
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
  static LineStop covering(TemporalOptions temporal, String service) {
    if (!Workers.polling(
        temporal.client(), temporal.namespace, io.glidepath.line.StopTheLineWorkflow.ID)) {
      return null;
    }
    return StopTheLine.status(temporal.client()).covering(service);
  }
}

/** {@code glidepath line status}: the stops in force; changes nothing. */
@Command(name = "status", description = "Show the line's stops in force; change nothing.")
final class LineStatusCommand extends Connected {
  @Override
  public Integer call() {
    LineStatus line = StopTheLine.status(temporal.client());
    if (line.freezes().isEmpty()) {
      out().println("the line moves: no stop in force");
    }
    line.freezes().forEach(f -> out().println(f.describe()));
    return ExitCodes.OK;
  }
}

/** {@code glidepath line ...}: stop the line during an incident, see it, let it move again. */
@Command(
    name = "line",
    description = "Stop every release (or one service's) during an incident, and resume them.",
    subcommands = {LineStopCommand.class, LineResumeCommand.class, LineStatusCommand.class})
final class LineCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

/** {@code glidepath freeze}: the old name of {@code line stop} ({@code --status}: line status). */
@Command(name = "freeze", hidden = true, description = "Deprecated: use line stop / line status.")
final class FreezeAlias extends LineStopCommand {
  @Option(names = "--status", description = "show the stops in force and change nothing")
  boolean status;

  @Override
  public Integer call() {
    err()
        .println(
            "glidepath: freeze is now line stop, and freeze --status line status (freeze is"
                + " deprecated; freezes are the spec's scheduled windows)");
    if (status) {
      LineStatusCommand show = new LineStatusCommand();
      show.temporal = temporal;
      show.cli = cli;
      return show.call();
    }
    return super.call();
  }
}
