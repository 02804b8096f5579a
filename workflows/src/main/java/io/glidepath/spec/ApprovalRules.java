package io.glidepath.spec;

import io.glidepath.model.ApprovalGate;
import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.Bounds;
import io.glidepath.model.Defaults;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.status.Identities;
import io.glidepath.status.MessageLimits;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/** Validation of {@code approval}: who may approve, how many must, and how long a gate waits. */
final class ApprovalRules {
  private ApprovalRules() {}

  static void check(ReleaseSpec s, Problems problems) {
    ApprovalPolicy p = s.approval();
    boolean stageGates =
        s.strategy().type() == StrategyType.CANARY
            && s.strategy().canary().stages().stream().anyMatch(StageSpec::gate);
    problems.within(
        "approval.timeout",
        p.timeout(),
        Bounds.MIN_INTERVAL,
        Bounds.MAX_APPROVAL_TIMEOUT,
        "timeout: 24h");
    Set<String> approvers = new HashSet<>();
    new TreeMap<>(p.approvers())
        .forEach(
            (who, roles) -> {
              String at = "approval.approvers." + who;
              MessageLimits.identityProblem(who)
                  .ifPresent(why -> problems.add(at, "the approver's name " + why));
              if (!approvers.add(Identities.normalize(who))) {
                problems.add(
                    at,
                    "names the same approver as another entry (names are compared trimmed and"
                        + " in lower case); keep one");
              }
              if (who.trim().equalsIgnoreCase(ControlReader.ANYONE)) {
                problems.addNew(
                    at,
                    "anyone is not a person: to let anyone approve write approvers: anyone (no"
                        + " list); otherwise name the approvers");
              }
              if (roles.isEmpty()) {
                problems.add(at, "give the approver's roles, e.g. [sre]");
              }
            });
    if (p.gates().contains(ApprovalGate.STAGE)) {
      problems.addNew(
          "approval.gates",
          "stage gates nothing when listed here: a canary stage waits for approval when it has"
              + " gate: true (strategy.canary.stages[n].gate); remove stage from approval.gates"
              + " and mark the stages instead. The gates here are release, region and go-live");
    }
    boolean anyGate = stageGates || p.gates().stream().anyMatch(g -> g != ApprovalGate.STAGE);
    if (!anyGate) {
      if (!p.required().isEmpty()) {
        problems.addNew(
            "approval.required",
            "has no effect: no gate waits for approval; add approval.gates (release, region,"
                + " go-live) or a canary stage with gate: true, or remove required");
      }
      if (!p.approvers().isEmpty()) {
        problems.addNew(
            "approval.approvers",
            "has no effect: no gate waits for approval; add approval.gates (release, region,"
                + " go-live) or a canary stage with gate: true, or remove approvers");
      }
      if (p.timeout() != null && !p.timeout().equals(Defaults.APPROVAL_TIMEOUT)) {
        problems.addNew(
            "approval.timeout",
            "has no effect: no gate waits for approval, so none times out; add approval.gates"
                + " (release, region, go-live) or a canary stage with gate: true, or remove"
                + " timeout");
      }
      if (p.onTimeout() != TimeoutOutcome.ABORT) {
        problems.addNew(
            "approval.onTimeout",
            "has no effect: no gate waits for approval, so none times out; add approval.gates"
                + " (release, region, go-live) or a canary stage with gate: true, or remove"
                + " onTimeout");
      }
      return;
    }
    new TreeMap<>(p.required())
        .forEach(
            (role, count) -> {
              if (count < 1 || count > Bounds.MAX_APPROVALS) {
                problems.add(
                    "approval.required." + role,
                    count + " is outside 1 to " + Bounds.MAX_APPROVALS);
              } else if (!p.approvers().isEmpty()) {
                long holders =
                    p.approvers().values().stream().filter(roles -> roles.contains(role)).count();
                if (holders < count) {
                  problems.add(
                      "approval.required." + role,
                      count
                          + " approvals need "
                          + count
                          + " approvers with role "
                          + role
                          + ", but approval.approvers lists "
                          + holders
                          + "; add approvers or lower the count");
                }
              }
            });
  }
}
