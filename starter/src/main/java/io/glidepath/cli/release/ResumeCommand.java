package io.glidepath.cli.release;

import io.glidepath.status.Control;
import picocli.CommandLine.Command;

/** {@code glidepath release resume}: lets a paused or holding release go on (a signal). */
@Command(name = "resume", description = "Let a paused or holding release go on.")
final class ResumeCommand extends Steering {
  @Override
  public Integer call() {
    Control c = control("the resume", null);
    return signal("resume", () -> release().resume(c), "resume sent to release-" + service);
  }
}
