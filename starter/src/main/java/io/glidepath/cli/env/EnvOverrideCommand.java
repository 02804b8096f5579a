package io.glidepath.cli.env;

import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.environment.EnvironmentClient;
import io.glidepath.environment.Ruling;
import io.glidepath.status.MessageLimits;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glidepath env override}: lets a version into an environment its rules refuse. */
@Command(
    name = "override",
    description =
        "Let a version into an environment its rules refuse (blocked upstream, not soaked), once,"
            + " recorded with who and why.")
final class EnvOverrideCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;
  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", description = "the service")
  String service;

  @Parameters(index = "1", description = "the version")
  String version;

  @Option(names = "--to", required = true, description = "the environment it may enter")
  String to;

  @Option(names = "--reason", required = true, description = "why (recorded)")
  String reason;

  @Option(names = "--by", defaultValue = "${sys:user.name}", description = "who decides")
  String by;

  @Override
  public Integer call() {
    EnvCommand.check("--by", MessageLimits.identityProblem(by));
    EnvCommand.check("--reason", MessageLimits.reasonProblem(reason));
    String done =
        new EnvironmentClient(temporal.client())
            .override(
                service,
                new Ruling(
                    version,
                    to,
                    by.strip(),
                    temporal.client().getOptions().getIdentity(),
                    reason,
                    0));
    cli.commandLine().getOut().println(done);
    return 0;
  }
}
