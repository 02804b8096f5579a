package io.glidepath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code glidepath} command line. */
@Command(
    name = "glidepath",
    mixinStandardHelpOptions = true,
    version = "glidepath 0.1.0",
    description = "Durable multi-region releases on Temporal.",
    subcommands = {ValidateCommand.class, AnalyzeCommand.class})
public final class GlidepathCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GlidepathCommand()).execute(args));
  }
}
