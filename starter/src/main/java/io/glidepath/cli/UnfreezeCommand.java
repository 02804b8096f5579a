package io.glidepath.cli;

import io.glidepath.flow.LineFreeze;
import io.glidepath.line.StopTheLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath unfreeze}: lifts a freeze; the releases it held go on. */
@Command(name = "unfreeze", description = "Lift a freeze: the releases it held go on.")
final class UnfreezeCommand extends Connected {
  @Option(names = "--service", description = "the service whose freeze to lift (default: all)")
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
    LineFreeze f =
        new LineFreeze(
            service,
            Inputs.identity("--by", by),
            temporal.identity(),
            reason == null ? null : Inputs.reason(reason),
            0);
    out().println(StopTheLine.unfreeze(temporal.client(), f)); // a refusal is shown as is, exit 2
    return ExitCodes.OK;
  }
}
