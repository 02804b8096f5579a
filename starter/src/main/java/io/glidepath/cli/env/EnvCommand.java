package io.glidepath.cli.env;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code glidepath env}: a service's environments (dev, staging, prod): which version runs where,
 * which may go next, delivering a version to the next environment, overriding a block, recording a
 * failed verification. The record lives in the service's ledger workflow ({@code
 * environments-<service>}).
 */
@Command(
    name = "env",
    description = "A service's environments: status, deliver, override, fail.",
    subcommands = {
      EnvStatusCommand.class,
      EnvDeliverCommand.class,
      EnvOverrideCommand.class,
      EnvFailCommand.class
    })
public final class EnvCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void check(String option, java.util.Optional<String> problem) {
    problem.ifPresent(
        p -> {
          throw new IllegalArgumentException(option + " " + p + "; nothing was sent");
        });
  }
}
