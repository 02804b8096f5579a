package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Inputs;
import io.glidepath.cli.common.Workers;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.Approval;
import io.glidepath.status.Identities;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.PendingApproval;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath release approve}: one approval of an open gate (a Temporal Update). */
@Command(name = "approve", description = "Approve an open gate of a release.")
final class ApproveCommand extends OnRelease {
  @Option(names = "--gate", required = true, description = "the gate, as status shows it")
  String gate;

  @Option(names = "--by", defaultValue = "${sys:user.name}", description = "the approver")
  String by;

  @Option(
      names = "--role",
      description =
          "the role you approve as (default: your only role, when the release's approver list"
              + " gives you exactly one)")
  String role;

  @Option(
      names = "--comment",
      description =
          "a note for the timeline (at most " + MessageLimits.MAX_COMMENT + " characters)")
  String comment;

  /** How long an approval may wait for the worker to accept or refuse it. */
  static final int UPDATE_SECONDS = 4;

  @Override
  public Integer call() {
    String approver = Inputs.identity("--by", by);
    String note = Inputs.comment(comment);
    requireRunning("the approval");
    ReleaseSpec spec = runningSpec();
    requireGate(spec, gate);
    if (role == null) {
      List<String> roles =
          spec.approval().approvers().entrySet().stream()
              .filter(e -> Identities.same(e.getKey(), approver))
              .findFirst()
              .map(Map.Entry::getValue)
              .orElse(List.of());
      if (roles.size() == 1) {
        role = roles.get(0);
      }
    }
    requireWorker("the approval was not sent (an approval is checked by the worker)");
    Approval approval = new Approval(gate, approver, role, note, temporal.identity());
    // The worker can stop between the probe and the update; an update then waits for one.
    PendingApproval after =
        Workers.within(
            UPDATE_SECONDS,
            () -> release().approve(approval),
            () ->
                noWorker(
                    "no worker accepted the approval of "
                        + gate
                        + " within "
                        + UPDATE_SECONDS
                        + " s",
                    "it was sent and waits for a worker: one that starts applies it, or refuses"
                        + " it, as glidepath release status then shows; run approve again if it"
                        + " is not there"));
    out()
        .println(
            after.missing().isEmpty()
                ? "approved " + gate + ": the gate is open"
                : "approval recorded for " + gate + "; still missing " + after.missing());
    return ExitCodes.OK;
  }

  /**
   * Refuses a gate that cannot exist in {@code spec}: not {@code release}, {@code go-live}, {@code
   * region:<region>}, {@code budget:<region>} or {@code stage:<region>:<n>}, or naming a region or
   * stage it does not have.
   */
  static void requireGate(ReleaseSpec spec, String gate) {
    String[] parts = gate.split(":", -1);
    boolean known =
        switch (parts[0]) {
          case "release", "go-live" -> parts.length == 1;
          case "region", "budget" -> parts.length == 2;
          case "stage" -> parts.length == 3 && parts[2].matches("[1-9]\\d{0,2}");
          default -> false;
        };
    if (!known) {
      throw new IllegalArgumentException(
          "--gate: no gate is called that; gates are release, region:<region>,"
              + " stage:<region>:<n>, go-live and budget:<region>, as glidepath release status"
              + " shows them");
    }
    if (parts.length > 1) {
      requireRegion(spec, "--gate", parts[1]);
    }
    if (parts.length == 3 && Integer.parseInt(parts[2]) > spec.strategy().stageCount()) {
      throw new IllegalArgumentException(
          "--gate: release-"
              + spec.service()
              + " has "
              + spec.strategy().stageCount()
              + " stages; there is no stage "
              + parts[2]);
    }
  }
}
