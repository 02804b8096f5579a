package io.glidepath.line;

import io.glidepath.flow.LineStop;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The stop-the-line switch (workflow id {@value #ID}): a freeze of all releases, or of one
 * service's, during an incident. It lives in Temporal, so it is durable, visible in the Web UI and
 * audited in its history. Running releases it covers hold before their next traffic increase
 * (rollbacks still run); {@code release start} of a frozen service is refused.
 */
@WorkflowInterface
public interface StopTheLineWorkflow {
  String ID = "glidepath-stop-the-line";

  /** Runs for good, carrying its freezes across continue-as-new. */
  @WorkflowMethod
  void run(LineStatus carried);

  /** Sets a freeze and tells every running release it covers. Returns what it did. */
  @UpdateMethod
  String freeze(LineStop freeze);

  /** Refuses a freeze without a valid name or reason, or one that is already in force. */
  @UpdateValidatorMethod(updateName = "freeze")
  void validateFreeze(LineStop freeze);

  /** Lifts the freeze of {@code freeze.service()} (all releases when null). */
  @UpdateMethod
  String unfreeze(LineStop freeze);

  /** Refuses to lift a freeze that is not in force. */
  @UpdateValidatorMethod(updateName = "unfreeze")
  void validateUnfreeze(LineStop freeze);

  @QueryMethod
  LineStatus status();
}
