package io.glidepath.devstack.bench;

import com.uber.m3.tally.Scope;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.client.TemporalTarget;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.worker.WorkerTuning;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The capacity bench's workers on the release task queue, in this process: each with its own
 * connection, pollers, workflow cache and slots (the production options, with the knobs applied),
 * the real analysis activity against the Prometheus stand-in, and the sandbox's instant traffic and
 * deployment activities.
 */
final class CapacityWorkers implements AutoCloseable {
  private final List<WorkflowServiceStubs> connections = new ArrayList<>();
  private final List<WorkerFactory> factories = new ArrayList<>();
  private final WorkflowClient client;

  private CapacityWorkers(
      TemporalTarget target, Scope scope, ServerCapacity.Knobs knobs, String url) {
    SandboxWorld world = new SandboxWorld();
    for (int w = 0; w < knobs.workers(); w++) {
      WorkflowServiceStubs connection = target.stubs(scope);
      connections.add(connection);
      WorkerFactoryOptions.Builder factoryOptions =
          WorkerFactoryOptions.newBuilder(WorkerTuning.factoryOptions());
      if (knobs.cacheSize() != null) {
        factoryOptions.setWorkflowCacheSize(knobs.cacheSize());
      }
      WorkerFactory factory =
          WorkerFactory.newInstance(target.client(connection), factoryOptions.build());
      WorkerOptions.Builder options = WorkerOptions.newBuilder(WorkerTuning.options(false));
      if (knobs.pollers() != null) {
        options.setMaxConcurrentWorkflowTaskPollers(knobs.pollers());
      }
      Bench.register(factory.newWorker(ReleaseLauncher.TASK_QUEUE, options.build()), world, url);
      factory.start();
      factories.add(factory);
    }
    client = target.client(connections.get(0));
  }

  static CapacityWorkers start(
      TemporalTarget target, Scope scope, ServerCapacity.Knobs knobs, String prometheusUrl) {
    return new CapacityWorkers(target, scope, knobs, prometheusUrl);
  }

  WorkflowClient client() {
    return client;
  }

  /** Shuts the last worker down at once, as a lost worker; the others take its releases. */
  void shutDownOne() {
    if (factories.size() > 1) {
      factories.get(factories.size() - 1).shutdownNow();
    }
  }

  /**
   * Of {@code n} releases ({@code id} gives each one's workflow id), those that ended other than by
   * completing (failed, timed out): none may, even with a worker shut down under load.
   */
  int lost(int n, IntFunction<String> id) {
    Set<WorkflowExecutionStatus> fine =
        Set.of(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    int lost = 0;
    for (int i = 1; i <= n; i++) {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id.apply(i)))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      if (!fine.contains(status)) {
        lost++;
      }
    }
    return lost;
  }

  @Override
  public void close() throws InterruptedException {
    for (WorkerFactory factory : factories) {
      factory.shutdownNow();
      factory.awaitTermination(30, TimeUnit.SECONDS);
    }
    connections.forEach(WorkflowServiceStubs::shutdownNow);
  }
}
