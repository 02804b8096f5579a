package io.glidepath.cli.line;

import picocli.CommandLine.Command;

/** {@code glidepath unfreeze}: the old name of {@code line resume}. */
@Command(name = "unfreeze", hidden = true, description = "Deprecated: use line resume.")
public final class UnfreezeAlias extends LineResumeCommand {
  @Override
  public Integer call() {
    err().println("glidepath: unfreeze is now line resume (unfreeze is deprecated)");
    return super.call();
  }
}
