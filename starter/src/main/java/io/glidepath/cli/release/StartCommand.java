package io.glidepath.cli.release;

import io.glidepath.cli.common.Connected;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.cli.common.Sandboxes;
import io.glidepath.cli.common.SpecFile;
import io.glidepath.cli.common.SpecOverrides;
import io.glidepath.cli.line.LineStopCommand;
import io.glidepath.cli.view.WatchDisplay;
import io.glidepath.environment.EnvironmentClient;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import java.time.Duration;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath release start}: validates a spec and starts its release. */
@Command(name = "start", description = "Validate a spec and start its release.")
final class StartCommand extends Connected {
  @picocli.CommandLine.Mixin SpecFile file;

  @Option(names = "--by", defaultValue = "${sys:user.name}", description = "who starts it")
  String by;

  @Option(names = "--watch", description = "watch it until it ends (exit 0 completed, 1 not)")
  boolean watch;

  @Option(names = "--version", description = "override the version (and the image's tag)")
  String version;

  @Option(names = "--image", description = "override the image")
  String image;

  @Option(
      names = "--env",
      description =
          "the environment to release to, for a spec with environments; refused before anything"
              + " moves unless the environment's rules admit the version (glidepath env status)")
  String env;

  @Option(names = "--regions", description = "release only these regions (comma list, or all)")
  String regions;

  @Option(names = "--mode", description = "override rollout.mode: sequential, delayed, parallel")
  String mode;

  @Option(names = "--delay", description = "override rollout.delay, e.g. 90m")
  String delay;

  @Option(
      names = "--sandbox",
      description =
          "release to the dev stack's sandbox within its limits (rollout.delay from 5s, to try the"
              + " delayed mode in seconds); refused unless the sandbox answers at --sandbox-url")
  boolean sandbox;

  @Option(
      names = "--sandbox-url",
      defaultValue = Sandboxes.URL,
      description = "where the dev stack's sandbox answers (default ${DEFAULT-VALUE})")
  String sandboxUrl;

  @Override
  public Integer call() {
    by = Inputs.identity("--by", by);
    SpecValidator.Limits limits = SpecValidator.Limits.RELEASE;
    if (sandbox) {
      Sandboxes.require(sandboxUrl);
      limits = SpecValidator.Limits.SANDBOX;
    }
    SpecOverrides overrides = new SpecOverrides(version, image, regions, mode, delay);
    ReleaseSpec s =
        env == null
            ? overrides.load(file.path, limits)
            : SpecParser.loadEnvironment(file.path, env, overrides.edit(file.path), limits)
                .release();
    var frozen = LineStopCommand.covering(temporal, s.service());
    if (frozen != null) {
      throw new IllegalArgumentException(
          "refused, the line is stopped: "
              + frozen.describe()
              + "; nothing was started (glidepath line status; glidepath line resume"
              + (frozen.service() == null ? "" : " --service " + frozen.service())
              + " when it is over)");
    }
    if (env == null) {
      temporal.launcher().start(new ReleaseRequest(s, by, sandbox));
    } else {
      out()
          .println(
              new EnvironmentClient(temporal.client())
                  .deliver(
                      s.service(), file.path, env, overrides.edit(file.path), limits, by, sandbox)
                  .message());
    }
    out()
        .printf(
            "started %s: %s %s to %s%s%n",
            s.releaseWorkflowId(),
            s.service(),
            s.version(),
            env == null ? "" : env + ": ",
            s.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", ")));
    Preflight.await(temporal, s.service(), out(), Duration.ofMillis(500));
    if (!watch) {
      out().printf("watch it: glidepath release watch %s%n", s.service());
      return ExitCodes.OK;
    }
    return WatchCommand.watch(
        temporal,
        s.service(),
        out(),
        Duration.ofSeconds(2),
        WatchDisplay.Tty.auto,
        Duration.ofMinutes(1));
  }
}
