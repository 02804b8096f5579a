package io.glidepath.release;

import io.glidepath.model.ApprovalPolicy;
import io.glidepath.status.Approval;
import io.glidepath.status.GateId;
import io.glidepath.status.Identities;
import io.glidepath.status.PendingApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open approval gate and the approvals it has collected, judged against the release's policy.
 * Pure logic: the Update validator asks {@link #rejection} before anything is recorded.
 */
final class Gate {
  static final String ANY_ROLE = "any";

  final GateId id;
  final String description;
  final long openedAtMillis;
  final long deadlineMillis;
  private final List<Approval> approvals = new ArrayList<>();

  Gate(GateId id, String description, long openedAtMillis, long deadlineMillis) {
    this.id = id;
    this.description = description;
    this.openedAtMillis = openedAtMillis;
    this.deadlineMillis = deadlineMillis;
  }

  /** Why {@code a} must be refused, or {@code null} when it may be recorded. */
  String rejection(ApprovalPolicy policy, String author, Approval sent) {
    if (sent.approver() == null || sent.approver().isBlank()) {
      return "approver is required: say who approves";
    }
    Approval a = canonical(policy, sent);
    String who = a.approver();
    if (!policy.approvers().isEmpty() && !policy.approvers().containsKey(who)) {
      return who
          + " is not an allowed approver of this release; allowed: "
          + String.join(", ", policy.approvers().keySet());
    }
    if (Identities.same(who, author)) {
      return who + " started this release and cannot approve it: self-approval is not allowed";
    }
    if (approvals.stream().anyMatch(x -> Identities.same(x.approver(), who))) {
      return who + " already approved gate " + id + "; a second approval needs another person";
    }
    if (policy.required().isEmpty()) {
      return null;
    }
    String role = a.role() == null ? "" : a.role();
    Map<String, Integer> missing = missing(policy);
    if (!policy.required().containsKey(role)) {
      return (role.isEmpty() ? "a role is required" : "role " + role + " is not required here")
          + "; gate "
          + id
          + " still needs "
          + describe(missing);
    }
    if (!policy.approvers().isEmpty() && !policy.rolesOf(who).contains(role)) {
      return who
          + " does not hold role "
          + role
          + " (holds: "
          + String.join(", ", policy.rolesOf(who))
          + ")";
    }
    if (missing.getOrDefault(role, 0) == 0) {
      return "role "
          + role
          + " already has its approvals; gate "
          + id
          + " still needs "
          + describe(missing);
    }
    return null;
  }

  /** Records {@code a}, with its approver and role spelled as the policy spells them. */
  void add(ApprovalPolicy policy, Approval a) {
    approvals.add(canonical(policy, a));
  }

  /**
   * {@code a} with its approver and role in the policy's spelling when they name the same identity
   * in another case or with spaces around it ({@link Identities}), else normalised.
   */
  static Approval canonical(ApprovalPolicy policy, Approval a) {
    return new Approval(
        a.gate(),
        spelledAs(policy.approvers().keySet(), a.approver()),
        a.role() == null || a.role().isBlank()
            ? null
            : spelledAs(policy.required().keySet(), a.role()),
        a.comment(),
        a.identity());
  }

  private static String spelledAs(java.util.Collection<String> known, String name) {
    return known.stream()
        .filter(k -> Identities.same(k, name))
        .findFirst()
        .orElse(Identities.normalize(name));
  }

  /** Approvals still needed per role; {@value #ANY_ROLE} when the policy requires no role. */
  Map<String, Integer> missing(ApprovalPolicy policy) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (policy.required().isEmpty()) {
      if (approvals.isEmpty()) {
        out.put(ANY_ROLE, 1);
      }
      return out;
    }
    policy
        .required()
        .forEach(
            (role, count) -> {
              long have = approvals.stream().filter(x -> role.equals(x.role())).count();
              if (have < count) {
                out.put(role, (int) (count - have));
              }
            });
    return out;
  }

  boolean satisfied(ApprovalPolicy policy) {
    return missing(policy).isEmpty();
  }

  PendingApproval view(ApprovalPolicy policy) {
    return new PendingApproval(
        id.toString(), description, openedAtMillis, deadlineMillis, approvals, missing(policy));
  }

  private static String describe(Map<String, Integer> missing) {
    if (missing.isEmpty()) {
      return "nothing";
    }
    List<String> parts = new ArrayList<>();
    missing.forEach((role, n) -> parts.add(n + " " + role));
    return String.join(" and ", parts);
  }
}
