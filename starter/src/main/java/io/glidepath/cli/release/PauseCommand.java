package io.glidepath.cli.release;

import io.glidepath.status.Control;
import picocli.CommandLine.Command;

/** {@code glidepath release pause}: holds a release (a signal). */
@Command(name = "pause", description = "Hold a release: no new stage or region starts.")
final class PauseCommand extends Steering {
  @Override
  public Integer call() {
    Control c = control("the pause", null);
    return signal("pause", () -> release().pause(c), "pause sent to release-" + service);
  }
}
