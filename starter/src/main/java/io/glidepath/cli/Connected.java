package io.glidepath.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** What every command that talks to Temporal shares: the connection options and the output. */
abstract class Connected implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cli;
  @Mixin TemporalOptions temporal;

  PrintWriter out() {
    return cli.commandLine().getOut();
  }

  PrintWriter err() {
    return cli.commandLine().getErr();
  }

  void print(String text) {
    out().print(text);
    out().flush();
  }
}
