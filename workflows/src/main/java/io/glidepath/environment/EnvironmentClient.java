package io.glidepath.environment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.EnvironmentSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Client-side access to a service's environment ledger: starts it when it does not run yet, sends
 * deliveries, reverts, overrides and failed verifications, reads its state. Never runs in a
 * workflow.
 */
public final class EnvironmentClient {
  private final WorkflowClient client;
  private final String identity;

  public EnvironmentClient(WorkflowClient client) {
    this.client = client;
    this.identity = client.getOptions().getIdentity();
  }

  /** The rules of {@code environments}, in order. */
  public static List<EnvironmentRule> order(List<EnvironmentSpec> environments) {
    return environments.stream().map(e -> new EnvironmentRule(e.name(), e.verifiedFor())).toList();
  }

  /**
   * Delivers {@code request} to {@code environment}: the ledger admits it or refuses it (with the
   * reason, nothing started), then starts its release.
   */
  public String deliver(String environment, List<EnvironmentRule> order, ReleaseRequest request) {
    return ledger(request.spec().service())
        .deliver(new Delivery(environment, order, request, identity));
  }

  /** What a delivery from a spec file started: the environment's release and the ledger's word. */
  public record Delivered(EnvironmentSpec environment, String message) {}

  /**
   * Reads environment {@code environment} of the spec in {@code file} (every environment checked,
   * {@code edit} applied to the chosen one's tree) and delivers it. When {@code service} is given,
   * the spec must be that service's.
   *
   * @throws io.glidepath.spec.InvalidSpecException listing every problem; nothing sent
   * @throws io.temporal.client.WorkflowUpdateException when the ledger refuses it, with the reason
   */
  public Delivered deliver(
      String service,
      Path file,
      String environment,
      UnaryOperator<ObjectNode> edit,
      SpecValidator.Limits limits,
      String by,
      boolean sandbox) {
    List<EnvironmentRule> order = order(SpecParser.loadEnvironments(file, limits));
    EnvironmentSpec chosen = SpecParser.loadEnvironment(file, environment, edit, limits);
    if (service != null && !service.equals(chosen.release().service())) {
      throw new IllegalArgumentException(
          file
              + " is the spec of "
              + chosen.release().service()
              + ", not "
              + service
              + "; nothing was sent");
    }
    String message = deliver(environment, order, new ReleaseRequest(chosen.release(), by, sandbox));
    return new Delivered(chosen, message);
  }

  /**
   * Reverts {@code reverted} in the environment of {@code revert}'s spec (built by {@link
   * io.glidepath.release.Revert#spec}, validated here first): the ledger starts the revert's
   * release and records the reverted version as blocked downstream, with who and why.
   *
   * @throws io.glidepath.spec.InvalidSpecException listing every problem; nothing sent
   * @throws io.temporal.client.WorkflowUpdateException when the ledger refuses it, with the reason
   */
  public String revert(String reverted, ReleaseRequest revert, String reason) {
    ReleaseSpec spec = revert.spec();
    SpecValidator.check(spec, spec.releaseWorkflowId(), revert.limits());
    return ledger(spec.service())
        .revert(new Reversal(spec.environment(), reverted, revert, reason, identity));
  }

  public String override(String service, Ruling override) {
    return ledger(service).override(override);
  }

  public String failVerification(String service, Ruling failure) {
    return ledger(service).failVerification(failure);
  }

  /** The ledger's state; an empty one when the service never had a delivery. */
  public LedgerState status(String service) {
    try {
      return client
          .newWorkflowStub(EnvironmentLedgerWorkflow.class, EnvironmentLedgerWorkflow.id(service))
          .status();
    } catch (WorkflowNotFoundException e) {
      return LedgerState.empty(service);
    }
  }

  /** A handle on the service's ledger, started first when it does not run. */
  private EnvironmentLedgerWorkflow ledger(String service) {
    EnvironmentLedgerWorkflow ledger =
        client.newWorkflowStub(
            EnvironmentLedgerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EnvironmentLedgerWorkflow.id(service))
                .setTaskQueue(ReleaseLauncher.TASK_QUEUE)
                .setStaticSummary("environments of " + service)
                .build());
    try {
      WorkflowClient.start(ledger::run, LedgerState.empty(service));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // It runs already: use it.
    }
    return client.newWorkflowStub(
        EnvironmentLedgerWorkflow.class, EnvironmentLedgerWorkflow.id(service));
  }
}
