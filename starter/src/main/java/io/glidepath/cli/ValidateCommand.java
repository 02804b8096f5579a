package io.glidepath.cli;

import io.glidepath.model.Quantities;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.InvalidSpecException;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a release spec without starting anything. */
@Command(
    name = "validate",
    description = "Check a release spec and report every problem, without starting anything.")
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;

  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "the release spec (YAML)")
  Path file;

  @Option(
      names = "--sandbox",
      description =
          "check within the sandbox's limits (the demo's short delays), not a real release's")
  boolean sandbox;

  @Override
  public Integer call() {
    try {
      ReleaseSpec s =
          SpecParser.load(
              file, sandbox ? SpecValidator.Limits.SANDBOX : SpecValidator.Limits.RELEASE);
      cli.commandLine()
          .getOut()
          .printf(
              "%s is valid: %s %s to %d region%s (%s, %s in %d stage%s, soak %s)%n",
              file,
              s.service(),
              s.version(),
              s.regions().size(),
              s.regions().size() == 1 ? "" : "s",
              s.rollout().mode().id()
                  + (s.rollout().delay() == null
                      ? ""
                      : " " + Quantities.format(s.rollout().delay())),
              s.strategy().type().id(),
              s.strategy().stageCount(),
              s.strategy().stageCount() == 1 ? "" : "s",
              Quantities.format(s.soak()));
      return ExitCodes.OK;
    } catch (InvalidSpecException e) {
      cli.commandLine().getErr().println(e.getMessage());
      return ExitCodes.of(e);
    }
  }
}
