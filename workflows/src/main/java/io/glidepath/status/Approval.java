package io.glidepath.status;

/**
 * One person's approval of a gate.
 *
 * @param gate the gate id ({@code release}, {@code region:eu-west}, {@code stage:eu-west:3}), or
 *     {@code null} for the only open gate
 * @param role the role the approver signs with, e.g. {@code sre}
 * @param identity the Temporal client identity that sent it, recorded beside the approver's name;
 *     {@code null} from older clients
 */
public record Approval(String gate, String approver, String role, String comment, String identity) {
  public Approval(String gate, String approver, String role, String comment) {
    this(gate, approver, role, comment, null);
  }
}
