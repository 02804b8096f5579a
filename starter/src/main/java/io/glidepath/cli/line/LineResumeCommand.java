package io.glidepath.cli.line;

import io.glidepath.cli.common.Connected;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.flow.LineStop;
import io.glidepath.line.StopTheLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath line resume}: lifts a stop of the line; the releases it held go on. */
@Command(name = "resume", description = "Let the line move again: the releases it held go on.")
class LineResumeCommand extends Connected {
  @Option(names = "--service", description = "the service whose stop to lift (default: all)")
  String service;

  @Option(names = "--reason", description = "why, for the record")
  String reason;

  @Option(
      names = "--by",
      defaultValue = "${sys:user.name}",
      description = "who lifts it (default: your user name)")
  String by;

  @Override
  public Integer call() {
    LineStop f =
        new LineStop(
            service,
            Inputs.identity("--by", by),
            temporal.identity(),
            reason == null ? null : Inputs.reason(reason),
            0);
    out().println(StopTheLine.unfreeze(temporal.client(), f)); // a refusal is shown as is, exit 2
    return ExitCodes.OK;
  }
}
