package io.glidepath.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may approve which gates, and what happens when nobody does.
 *
 * @param gates the gates that wait for approval ({@link ApprovalGate#STAGE} is implied by a stage
 *     with {@code gate: true})
 * @param required approvals needed per role, e.g. {@code sre: 1, functional: 1}; empty means one
 *     approval from anyone allowed
 * @param approvers allowed approvers and their roles; empty means anyone, with the role they state
 * @param timeout how long a gate waits
 * @param onTimeout what a gate does when it times out
 * @param escalate who hears about a gate, pause or hold left open, and after how long; empty in
 *     releases started before it existed
 */
public record ApprovalPolicy(
    List<ApprovalGate> gates,
    Map<String, Integer> required,
    Map<String, List<String>> approvers,
    Duration timeout,
    TimeoutOutcome onTimeout,
    List<Escalation> escalate) {
  public ApprovalPolicy {
    escalate = escalate == null ? List.of() : List.copyOf(escalate);
    gates = gates == null ? List.of() : List.copyOf(gates);
    required = required == null ? Map.of() : Map.copyOf(required);
    approvers = approvers == null ? Map.of() : Map.copyOf(approvers);
  }

  /** The roles {@code approver} holds, or an empty set when the list is open. */
  public Set<String> rolesOf(String approver) {
    List<String> roles = approvers.get(approver);
    return roles == null ? Set.of() : Set.copyOf(roles);
  }
}
