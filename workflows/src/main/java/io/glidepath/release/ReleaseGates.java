package io.glidepath.release;

import static io.glidepath.release.ReleaseContext.SYSTEM;

import io.glidepath.flow.Deadlines;
import io.glidepath.model.Quantities;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.notify.EventType;
import io.glidepath.status.Approval;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.GateId;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Supplier;

/**
 * The release's approval gates: waiting on one (with escalation, timeout and {@code onTimeout}),
 * taking approvals and refusing the ones that may not count, and keeping the stage gates regions
 * report in step with them.
 */
final class ReleaseGates {
  private final ReleaseContext c;

  ReleaseGates(ReleaseContext c) {
    this.c = c;
  }

  void await(GateId id, String description) {
    await(id, description, () -> false);
  }

  /**
   * Waits for {@code id}'s approvals, escalating as the spec says, until the gate is satisfied,
   * times out (the spec's {@code onTimeout} applies), or becomes {@code moot}.
   */
  void await(GateId id, String description, Supplier<Boolean> moot) {
    await(id, description, moot, c.spec.approval().onTimeout());
  }

  /** As {@link #await(GateId, String, Supplier)}, with {@code onTimeout} instead of the spec's. */
  void await(GateId id, String description, Supplier<Boolean> moot, TimeoutOutcome onTimeout) {
    var policy = c.spec.approval();
    long now = Workflow.currentTimeMillis();
    Gate gate = new Gate(id, description, now, Deadlines.after(now, policy.timeout()));
    c.gates.put(id.toString(), gate);
    ReleasePhase before = c.phase;
    c.enter(ReleasePhase.AWAITING_APPROVAL);
    c.notifier.gate(
        id.toString(),
        id.region(),
        0,
        0,
        "approval needed to " + description + ": " + c.missingText(gate));
    boolean approved =
        c.escalator("gate " + id + " waits for approval", id.region())
            .await(policy.timeout(), () -> gate.satisfied(policy) || moot.get());
    c.gates.remove(id.toString());
    c.enter(before);
    if (approved) {
      if (gate.satisfied(policy)) {
        c.decide(DecisionKind.GATE_APPROVED, SYSTEM, "gate approved", id.toString());
      }
      return;
    }
    String why = "approval gate " + id + " timed out after " + Quantities.format(policy.timeout());
    if (onTimeout == TimeoutOutcome.ABORT) {
      c.decide(DecisionKind.GATE_TIMED_OUT, SYSTEM, "gate timed out", why + "; aborting");
      c.abortRequest = new Control(SYSTEM, why, null);
      Workflow.await(() -> false);
    }
    c.decide(
        DecisionKind.GATE_TIMED_OUT,
        SYSTEM,
        "gate timed out, proceeding",
        why + " (onTimeout: proceed)");
  }

  PendingApproval approve(Approval sent) {
    Gate gate = gate(sent.gate());
    Approval approval = Gate.canonical(c.spec.approval(), sent);
    gate.add(c.spec.approval(), approval);
    c.decide(
        DecisionKind.APPROVED,
        approval.approver(),
        approval.identity(),
        "approved " + gate.id + (approval.role() == null ? "" : " as " + approval.role()),
        approval.comment());
    c.notifier.send(
        EventType.APPROVED,
        gate.id.region(),
        0,
        0,
        approval.approver() + " approved " + gate.id + ": " + c.missingText(gate),
        null);
    if (gate.satisfied(c.spec.approval()) && gate.id.kind() == GateId.Kind.STAGE) {
      c.toRegion(gate.id.region(), r -> r.gateApproved(gate.id.toString()));
    }
    c.publishDetails();
    return gate.view(c.spec.approval());
  }

  void validateApprove(Approval approval) {
    MessageLimits.identityProblem(approval.approver())
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("the approver " + p);
            });
    Bounded.refuse(
        Bounded.tooLong("--by", approval.approver(), Bounded.MAX_NAME),
        Bounded.tooLong("--role", approval.role(), Bounded.MAX_NAME),
        Bounded.tooLong("--comment", approval.comment(), Bounded.MAX_TEXT),
        Bounded.tooLong("--gate", approval.gate(), Bounded.MAX_NAME));
    if (c.spec == null || c.phase.finished()) {
      throw new IllegalArgumentException("the release has ended; there is nothing to approve");
    }
    Gate open = gate(approval.gate());
    if (open.id.kind() == GateId.Kind.BUDGET
        && (approval.comment() == null || approval.comment().isBlank())) {
      throw new IllegalArgumentException(
          "gate "
              + open.id
              + " lets "
              + open.id.region()
              + " spend error budget under the floor: give the reason with --comment");
    }
    String rejection = open.rejection(c.spec.approval(), c.request.requestedBy(), approval);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection);
    }
  }

  private Gate gate(String id) {
    var gates = c.gates;
    if (id == null || id.isBlank()) {
      if (gates.size() == 1) {
        return gates.values().iterator().next();
      }
      throw new IllegalArgumentException(
          gates.isEmpty()
              ? "no approval gate is open"
              : gates.size()
                  + " gates are open ("
                  + String.join(", ", gates.keySet())
                  + "); name one");
    }
    Gate g = gates.get(GateId.parse(id).toString());
    if (g == null) {
      throw new IllegalArgumentException(
          "gate "
              + id
              + " is not open; open gates: "
              + (gates.isEmpty() ? "none" : String.join(", ", gates.keySet())));
    }
    return g;
  }

  /** Keeps a region's stage gates as its latest report says: the one it waits on is open. */
  void track(RegionStatus status) {
    c.gates
        .values()
        .removeIf(
            g ->
                g.id.kind() == GateId.Kind.STAGE
                    && g.id.region().equals(status.region())
                    && !g.id.toString().equals(status.pendingGate()));
    if (status.pendingGate() != null && !c.gates.containsKey(status.pendingGate())) {
      long now = Workflow.currentTimeMillis();
      c.gates.put(
          status.pendingGate(),
          new Gate(
              GateId.parse(status.pendingGate()),
              "shift " + status.region() + " to stage " + (status.stage()),
              now,
              Deadlines.after(now, c.spec.approval().timeout())));
    }
  }

  /** The open gates as the status query shows them. */
  List<PendingApproval> views() {
    return c.gates.values().stream().map(g -> g.view(c.spec.approval())).toList();
  }
}
