package io.glidepath.cli.release;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code glidepath release ...}: start, watch and steer releases; one file per command. */
@Command(
    name = "release",
    description = "Start, watch and steer releases.",
    subcommands = {
      ValidateCommand.class,
      StartCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      ListCommand.class,
      ApproveCommand.class,
      AbortCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      RollbackCommand.class,
      AdvanceCommand.class,
      PromoteAlias.class,
      RevertCommand.class,
      HistoryCommand.class
    })
public final class ReleaseCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
