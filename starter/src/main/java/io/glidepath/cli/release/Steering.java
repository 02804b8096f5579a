package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.cli.common.Workers;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.status.Control;
import io.glidepath.status.MessageLimits;
import picocli.CommandLine.Option;

/** Commands that record who did what and why. */
abstract class Steering extends OnRelease {
  @Option(
      names = "--by",
      defaultValue = "${sys:user.name}",
      description = "who does this (default: your user name)")
  String by;

  @Option(
      names = "--reason",
      required = true,
      description = "why, for the timeline (at most " + MessageLimits.MAX_REASON + " characters)")
  String reason;

  /** The checked control: bad arguments and finished releases are refused before sending. */
  Control control(String what, String region) {
    Control c =
        new Control(
            Inputs.identity("--by", by), Inputs.reason(reason), region, temporal.identity());
    requireRunning(what);
    return c;
  }

  /**
   * Sends a signal; without a worker it is still recorded in the release's history, and the command
   * says it takes effect when a worker starts.
   */
  Integer signal(String what, Runnable send, String done) {
    boolean worker = Workers.polling(temporal.client(), temporal.namespace, workflowId());
    send.run();
    out().println(done);
    if (!worker) {
      out()
          .println(
              "note: no worker is polling the "
                  + ReleaseLauncher.TASK_QUEUE
                  + " task queue; the "
                  + what
                  + " is recorded in "
                  + workflowId()
                  + "'s history and takes effect as soon as a worker starts");
    }
    return ExitCodes.OK;
  }
}
