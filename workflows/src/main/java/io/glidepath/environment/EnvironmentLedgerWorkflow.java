package io.glidepath.environment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One service's environment ledger (workflow id {@code environments-<service>}): which version ran
 * where, how each release ended, and who let what through. It starts every release into an
 * environment as its child, so the outcome is recorded by the same workflow that admitted it; it
 * runs for good, carrying its state across continue-as-new, and is visible in the Web UI.
 */
@WorkflowInterface
public interface EnvironmentLedgerWorkflow {
  /** The workflow id of {@code service}'s ledger. */
  static String id(String service) {
    return "environments-" + service;
  }

  /** Runs for good, from {@code carried} (a new ledger starts from an empty state). */
  @WorkflowMethod
  void run(LedgerState carried);

  /**
   * Starts the delivery's release into its environment (as {@code release-<service>}) and returns
   * what was admitted and why. The release's outcome is recorded when it ends.
   */
  @UpdateMethod
  String deliver(Delivery delivery);

  /**
   * Refuses a delivery its environment's rules do not admit now, saying what is missing and since
   * when it would be allowed, before anything is recorded or started; also while another release of
   * the service runs.
   */
  @UpdateValidatorMethod(updateName = "deliver")
  void validateDeliver(Delivery delivery);

  /** Lets a version into an environment its rules would refuse; recorded with who and why. */
  @UpdateMethod
  String override(Ruling override);

  /** Refuses an override without a valid name or reason, or for an unknown environment. */
  @UpdateValidatorMethod(updateName = "override")
  void validateOverride(Ruling override);

  /**
   * Records that a version failed its verification in an environment after its release there
   * completed; it is blocked from every later environment until a person overrides.
   */
  @UpdateMethod
  String failVerification(Ruling failure);

  /** Refuses a failed verification without a valid name or reason, or for a version never run. */
  @UpdateValidatorMethod(updateName = "failVerification")
  void validateFailVerification(Ruling failure);

  /**
   * Starts a revert's release into its environment (as {@code release-<service>}) and records it:
   * the reverted version is blocked from every later environment until a person overrides, and the
   * version reverted to serves the environment once the revert's release completed. Returns what
   * was recorded.
   */
  @UpdateMethod
  String revert(Reversal reversal);

  /**
   * Refuses a revert without a valid name or reason, of another service, or while another release
   * of the service runs or is queued, before anything is recorded or started.
   */
  @UpdateValidatorMethod(updateName = "revert")
  void validateRevert(Reversal reversal);

  @QueryMethod
  LedgerState status();
}
