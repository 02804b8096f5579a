package io.glidepath.cli.env;

import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.environment.EnvironmentClient;
import io.glidepath.model.Images;
import io.glidepath.model.RegionSpec;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.MessageLimits;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glidepath env deliver}: starts the release of a version into an environment, when that
 * environment's rules admit it; refused before anything moves otherwise, saying what is missing.
 */
@Command(
    name = "deliver",
    description =
        "Release a version into an environment when its rules admit it (completed and verified in"
            + " the environment before); refused before anything moves otherwise.")
final class EnvDeliverCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;
  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", description = "the service")
  String service;

  @Parameters(index = "1", description = "the version (the image's tag follows it)")
  String version;

  @Option(names = "--to", required = true, description = "the environment")
  String to;

  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "the service's spec with its environments")
  Path file;

  @Option(names = "--by", defaultValue = "${sys:user.name}", description = "who delivers it")
  String by;

  @Option(
      names = "--sandbox",
      description = "release to the dev stack's sandbox within its limits (short delays)")
  boolean sandbox;

  @Option(
      names = "--sandbox-url",
      defaultValue = "http://127.0.0.1:7240",
      description = "where the dev stack's sandbox answers (default ${DEFAULT-VALUE})")
  String sandboxUrl;

  /** Refuses the sandbox's limits unless a sandbox answers: they are only for its traffic. */
  private void requireSandbox() {
    try {
      var r =
          java.net.http.HttpClient.newBuilder()
              .connectTimeout(java.time.Duration.ofSeconds(2))
              .build()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(sandboxUrl.replaceAll("/+$", "") + "/sandbox"))
                      .timeout(java.time.Duration.ofSeconds(3))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 200) {
        return;
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      // refused below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalArgumentException(
        "--sandbox: no sandbox answers at "
            + sandboxUrl
            + "; start the dev stack (glidepath-dev.jar --dev) or leave --sandbox out; nothing"
            + " was sent");
  }

  @Override
  public Integer call() {
    EnvCommand.check("--by", MessageLimits.identityProblem(by));
    if (sandbox) {
      requireSandbox();
    }
    EnvironmentClient.Delivered d =
        new EnvironmentClient(temporal.client())
            .deliver(
                service,
                file,
                to,
                root -> {
                  root.put("version", version);
                  if (root.hasNonNull("image")) {
                    root.put("image", Images.withTag(root.path("image").asText(), version));
                  }
                  return root;
                },
                sandbox ? SpecValidator.Limits.SANDBOX : SpecValidator.Limits.RELEASE,
                by.strip(),
                sandbox);
    cli.commandLine()
        .getOut()
        .printf(
            "%s%nstarted release-%s: %s %s to %s (%s)%nwatch it: glidepath release watch %s%n",
            d.message(),
            service,
            service,
            version,
            to,
            d.environment().release().regions().stream()
                .map(RegionSpec::name)
                .collect(Collectors.joining(", ")),
            service);
    return 0;
  }
}
