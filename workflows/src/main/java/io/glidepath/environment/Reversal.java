package io.glidepath.environment;

import io.glidepath.release.ReleaseRequest;
import io.glidepath.status.Bounded;

/**
 * A revert of the release that put {@code reverted} into {@code environment}: the version that
 * served there before it is released again ({@code request}, built by {@link
 * io.glidepath.release.Revert#spec}), and the reverted version is blocked from every later
 * environment until a person overrides. Its methods say how the ledger records it.
 *
 * @param reverted the version being reverted (the last completed release's)
 * @param request the revert's release; its {@code requestedBy} is who reverts
 * @param reason why, as given to {@code release revert --reason}
 * @param identity the Temporal client identity it came from
 */
public record Reversal(
    String environment, String reverted, ReleaseRequest request, String reason, String identity) {

  /** Whether every part the ledger needs is there. */
  boolean complete() {
    return request != null
        && request.spec() != null
        && environment != null
        && reverted != null
        && request.spec().environment() != null;
  }

  /** The version reverted to. */
  String target() {
    return request.spec().version();
  }

  private String why() {
    return Bounded.text(reason, Bounded.MAX_TEXT);
  }

  /** The revert's own release into the environment, running from {@code atMillis}. */
  EnvironmentRun run(long atMillis) {
    return new EnvironmentRun(
        environment,
        target(),
        request.spec().image(),
        request.requestedBy(),
        atMillis,
        0,
        RunOutcome.RUNNING,
        Bounded.text("revert of " + reverted + ": " + why(), Bounded.MAX_TEXT));
  }

  /** The reverted version's record: reverted at {@code atMillis}, which blocks it downstream. */
  EnvironmentRun record(String image, long atMillis) {
    return new EnvironmentRun(
        environment,
        reverted,
        image,
        request.requestedBy(),
        atMillis,
        atMillis,
        RunOutcome.REVERTED,
        Bounded.text(
            "by " + request.requestedBy() + ", back to " + target() + ": " + why(),
            Bounded.MAX_TEXT));
  }

  /** The timeline's entry for it. */
  void recordIn(io.glidepath.status.Timeline timeline, long atMillis) {
    timeline.record(
        atMillis,
        io.glidepath.status.DecisionKind.REVERTED,
        request.requestedBy(),
        Bounded.text(identity, Bounded.MAX_NAME),
        reverted + " in " + environment + " reverted to " + target(),
        why());
  }

  /** The revert's release as the Web UI summarises it. */
  String summary() {
    return "revert "
        + request.spec().service()
        + " "
        + reverted
        + " in "
        + environment
        + " to "
        + target();
  }

  /** The revert's release's details in the Web UI: who and why. */
  String details() {
    return Bounded.text(
        "revert of " + reverted + " by " + request.requestedBy() + ": " + why(), Bounded.MAX_TEXT);
  }

  /** What the ledger answers once the revert runs. */
  String answer() {
    return reverted
        + " in "
        + environment
        + " is reverted to "
        + target()
        + " and blocked from the environments after it until a person overrides (glidepath env"
        + " override "
        + request.spec().service()
        + " "
        + reverted
        + " --to ENV --reason ...)";
  }
}
