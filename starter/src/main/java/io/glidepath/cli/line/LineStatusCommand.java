package io.glidepath.cli.line;

import io.glidepath.cli.common.Connected;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.line.LineStatus;
import io.glidepath.line.StopTheLine;
import picocli.CommandLine.Command;

/** {@code glidepath line status}: the stops in force; changes nothing. */
@Command(name = "status", description = "Show the line's stops in force; change nothing.")
public final class LineStatusCommand extends Connected {
  @Override
  public Integer call() {
    LineStatus line = StopTheLine.status(temporal.client());
    if (line.freezes().isEmpty()) {
      out().println("the line moves: no stop in force");
    }
    line.freezes().forEach(f -> out().println(f.describe()));
    return ExitCodes.OK;
  }
}
