package io.glidepath.status;

import java.util.List;
import java.util.Map;

/**
 * An open approval gate.
 *
 * @param missing approvals still needed per role ({@code any} when no role is required)
 */
public record PendingApproval(
    String gate,
    String description,
    long openedAtMillis,
    long deadlineMillis,
    List<Approval> approvals,
    Map<String, Integer> missing) {
  public PendingApproval {
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
    missing = missing == null ? Map.of() : Map.copyOf(missing);
  }
}
