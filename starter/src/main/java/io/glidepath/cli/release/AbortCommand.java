package io.glidepath.cli.release;

import io.glidepath.status.Control;
import picocli.CommandLine.Command;

/** {@code glidepath release abort}: every region goes back to stable (a signal). */
@Command(name = "abort", description = "Abort a release: every region goes back to stable.")
final class AbortCommand extends Steering {
  @Override
  public Integer call() {
    Control c = control("the abort", null);
    return signal(
        "abort",
        () -> release().abort(c),
        String.format(
            "abort sent to release-%s; watch it roll back: glidepath release watch %s",
            service, service));
  }
}
