package io.glidepath.cli.line;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath freeze}: the old name of {@code line stop} ({@code --status}: line status). */
@Command(name = "freeze", hidden = true, description = "Deprecated: use line stop / line status.")
public final class FreezeAlias extends LineStopCommand {
  @Option(names = "--status", description = "show the stops in force and change nothing")
  boolean status;

  @Override
  public Integer call() {
    err()
        .println(
            "glidepath: freeze is now line stop, and freeze --status line status (freeze is"
                + " deprecated; freezes are the spec's scheduled windows)");
    if (status) {
      return sharingOptions(new LineStatusCommand()).call();
    }
    return super.call();
  }
}
