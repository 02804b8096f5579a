package io.glidepath.cli.common;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** What every command that talks to Temporal shares: the connection options and the output. */
public abstract class Connected implements Callable<Integer> {
  @CommandLine.Spec protected CommandLine.Model.CommandSpec cli;
  @Mixin protected TemporalOptions temporal;

  protected PrintWriter out() {
    return cli.commandLine().getOut();
  }

  protected PrintWriter err() {
    return cli.commandLine().getErr();
  }

  protected void print(String text) {
    out().print(text);
    out().flush();
  }

  /**
   * {@code other} with this command's connection options and output, to run it in this one's place.
   */
  protected <T extends Connected> T sharingOptions(T other) {
    other.cli = cli;
    other.temporal = temporal;
    return other;
  }
}
