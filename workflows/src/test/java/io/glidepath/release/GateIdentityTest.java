package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glidepath.model.ApprovalPolicy;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.status.Approval;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An approval keeps the identity it was sent with when the gate spells its names canonically. */
class GateIdentityTest {
  @Test
  void theCanonicalApprovalKeepsTheSendersIdentity() {
    ApprovalPolicy policy =
        new ApprovalPolicy(
            List.of(),
            Map.of("sre", 1),
            Map.of("Bob", List.of("sre")),
            Duration.ofHours(1),
            TimeoutOutcome.ABORT,
            List.of());
    Approval a =
        Gate.canonical(
            policy, new Approval("stage:us-east:2", "bob", "SRE", "ok", "board:bob@example.com"));
    assertEquals("Bob", a.approver());
    assertEquals("sre", a.role());
    assertEquals("board:bob@example.com", a.identity());
  }
}
