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

/**
 * {@code glidepath env fail}: records that a version failed its verification in an environment
 * after its release there completed (a smoke suite, an incident), which blocks it downstream.
 */
@Command(
    name = "fail",
    description =
        "Record that a version failed its verification in an environment; it is blocked from the"
            + " environments after it until a person overrides.")
final class EnvFailCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;
  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", description = "the service")
  String service;

  @Parameters(index = "1", description = "the version")
  String version;

  @Option(names = "--in", required = true, description = "the environment it failed in")
  String in;

  @Option(names = "--reason", required = true, description = "what failed (recorded)")
  String reason;

  @Option(names = "--by", defaultValue = "${sys:user.name}", description = "who records it")
  String by;

  @Override
  public Integer call() {
    EnvCommand.check("--by", MessageLimits.identityProblem(by));
    EnvCommand.check("--reason", MessageLimits.reasonProblem(reason));
    String done =
        new EnvironmentClient(temporal.client())
            .failVerification(
                service,
                new Ruling(
                    version,
                    in,
                    by.strip(),
                    temporal.client().getOptions().getIdentity(),
                    reason,
                    0));
    cli.commandLine().getOut().println(done);
    return 0;
  }
}
