package io.glidepath.cli.line;

import picocli.CommandLine.Command;

/** {@code glidepath line ...}: stop the line during an incident, see it, let it move again. */
@Command(
    name = "line",
    description = "Stop every release (or one service's) during an incident, and resume them.",
    subcommands = {LineStopCommand.class, LineResumeCommand.class, LineStatusCommand.class})
public final class LineCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
