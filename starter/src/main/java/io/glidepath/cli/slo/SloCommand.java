package io.glidepath.cli.slo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code glidepath slo}: the service's objectives and their error budget. */
@Command(
    name = "slo",
    description = "The service's objectives (the spec's slo section) and their error budget.",
    subcommands = {SloRulesCommand.class})
public final class SloCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
