package io.glidepath.cli;

import io.glidepath.cli.analyze.AnalyzeCommand;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.line.FreezeAlias;
import io.glidepath.cli.line.LineCommand;
import io.glidepath.cli.line.UnfreezeAlias;
import io.glidepath.cli.release.ReleaseCommand;
import io.glidepath.spec.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code glidepath} command line: one file per command, exit codes from {@link ExitCodes}.
 * Errors are one line; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "glidepath",
    mixinStandardHelpOptions = true,
    version = "glidepath 0.1.0",
    description = "Durable multi-region releases on Temporal.",
    subcommands = {
      ReleaseCommand.class,
      AnalyzeCommand.class,
      LineCommand.class,
      io.glidepath.cli.env.EnvCommand.class,
      FreezeAlias.class,
      UnfreezeAlias.class,
      io.glidepath.cli.slo.SloCommand.class
    })
public final class GlidepathCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "print stack traces with errors")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: one line per error, a distinct exit code. */
  public static CommandLine commandLine() {
    GlidepathCommand root = new GlidepathCommand();
    CommandLine cli = new CommandLine(root);
    addHelp(cli);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          int code = ExitCodes.of(e);
          commandLine.getErr().println("glidepath: " + Redaction.redact(ExitCodes.message(e)));
          if (root.verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          return code;
        });
    return cli;
  }

  /**
   * Gives every command and subcommand {@code -h}/{@code --help} (the root also has {@code
   * --version}; {@code release start --version} overrides a spec's version, so the standard mixin
   * cannot be used below the root).
   */
  private static void addHelp(CommandLine cli) {
    CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
    spec.exitCodeOnInvalidInput(ExitCodes.BAD_INPUT);
    spec.exitCodeOnExecutionException(ExitCodes.NOT_COMPLETED);
    if (spec.findOption("--help") == null) {
      spec.addOption(
          CommandLine.Model.OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("show this help and exit")
              .build());
    }
    cli.getSubcommands().values().forEach(GlidepathCommand::addHelp);
  }
}
