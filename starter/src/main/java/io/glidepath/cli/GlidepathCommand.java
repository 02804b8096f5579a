package io.glidepath.cli;

import io.glidepath.release.ReleaseAlreadyRunningException;
import io.glidepath.release.TemporalTarget.TemporalUnreachableException;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.Redaction;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code glidepath} command line. Exit codes: 0 done (a release completed), 1 a release rolled
 * back or failed, 2 bad input (a spec, an argument, a refused approval), 3 Temporal unreachable.
 * Errors are one line; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "glidepath",
    mixinStandardHelpOptions = true,
    version = "glidepath 0.1.0",
    description = "Durable multi-region releases on Temporal.",
    subcommands = {ReleaseCommand.class, AnalyzeCommand.class})
public final class GlidepathCommand implements Runnable {
  public static final int BAD_INPUT = 2;
  public static final int UNREACHABLE = 3;

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
          int code = exitCode(e);
          commandLine.getErr().println("glidepath: " + Redaction.redact(message(e)));
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
    if (spec.findOption("--help") == null) {
      spec.addOption(
          CommandLine.Model.OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("show this help and exit")
              .build());
    }
    cli.getSubcommands().values().forEach(GlidepathCommand::addHelp);
  }

  static int exitCode(Throwable e) {
    if (e instanceof TemporalUnreachableException
        || e instanceof Workers.NoWorkerException
        || noWorker(e)) {
      return UNREACHABLE;
    }
    if (e instanceof InvalidSpecException
        || e instanceof ReleaseAlreadyRunningException
        || e instanceof WorkflowNotFoundException
        || e instanceof WorkflowUpdateException
        || e instanceof IllegalArgumentException) {
      return BAD_INPUT;
    }
    return 1;
  }

  /** A query nobody answered in time: no worker polls the task queue. */
  static boolean noWorker(Throwable e) {
    return e instanceof WorkflowQueryException
        || (e instanceof WorkflowServiceException
            && e.getCause() instanceof StatusRuntimeException s
            && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED);
  }

  static String message(Throwable e) {
    if (e instanceof WorkflowNotFoundException nf) {
      return "no running release "
          + nf.getExecution().getWorkflowId()
          + "; see glidepath release list";
    }
    if (noWorker(e)) {
      return "no worker answered about "
          + ((WorkflowException) e).getExecution().getWorkflowId()
          + ": is a glidepath worker polling the glidepath-releases task queue?";
    }
    if (e instanceof WorkflowUpdateException u) {
      Throwable cause = u.getCause();
      return "refused: "
          + (cause instanceof ApplicationFailure af ? af.getOriginalMessage() : cause.getMessage());
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
