package io.glidepath.worker;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.client.TemporalTarget;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.hooks.HookActivities;
import io.glidepath.line.LineActivities;
import io.glidepath.line.StopTheLineWorkflowImpl;
import io.glidepath.notify.NotificationActivities;
import io.glidepath.region.RegionRolloutWorkflowImpl;
import io.glidepath.release.ReleaseWorkflowImpl;
import io.glidepath.status.SearchAttributes;
import io.glidepath.traffic.TrafficActivities;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the workflows and activities on the {@code glidepath-releases} task queue when the
 * application starts, and on shutdown stops polling and gives running activities the grace period
 * to finish (or to heartbeat out, so Temporal retries them on another worker). Off with {@code
 * glidepath.worker.enabled: false}, where the context only supplies the adapter beans (the demo
 * runs its own worker on the in-process server).
 */
@Singleton
@Requires(property = "glidepath.worker.enabled", notEquals = "false")
final class WorkerRegistrar {
  private static final Logger log = LoggerFactory.getLogger(WorkerRegistrar.class);

  private final WorkflowClient client;
  private final TemporalTarget target;
  private final List<Object> activities;
  private final WorkerSettings settings;
  private WorkerFactory factory;

  /** Takes one implementation of every activity interface the workflows call. */
  WorkerRegistrar(
      WorkflowClient client,
      TemporalTarget target,
      WorkerSettings settings,
      TrafficActivities traffic,
      DeploymentActivities deployments,
      HookActivities hooks,
      AnalysisActivities analysis,
      NotificationActivities notifications,
      LineActivities line) {
    this.client = client;
    this.target = target;
    this.settings = settings;
    this.activities = List.of(traffic, deployments, hooks, analysis, notifications, line);
  }

  @EventListener
  void start(StartupEvent event) {
    boolean testServer = target.ping(client.getWorkflowServiceStubs()).getServerVersion().isEmpty();
    registerSearchAttributes();
    factory = WorkerFactory.newInstance(client, WorkerTuning.factoryOptions());
    Worker worker = factory.newWorker(ReleaseLauncher.TASK_QUEUE, WorkerTuning.options(testServer));
    worker.registerWorkflowImplementationTypes(
        ReleaseWorkflowImpl.class,
        RegionRolloutWorkflowImpl.class,
        StopTheLineWorkflowImpl.class,
        io.glidepath.environment.EnvironmentLedgerWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.toArray());
    factory.start();
    log.info("worker polling {} on {}", ReleaseLauncher.TASK_QUEUE, target);
  }

  /**
   * Registers Glidepath's search attributes in the worker's namespace when they are missing, so the
   * workflows can set them and visibility queries ({@code release list --service}, the Web UI's
   * filter) find releases. A release cannot set an attribute the namespace lacks (its workflow
   * tasks would fail until someone registers it), so when they are missing and the server refuses
   * to add them (Temporal Cloud) the worker does not start, and says how to register them.
   */
  private void registerSearchAttributes() {
    List<String> names = SearchAttributes.ALL.stream().map(k -> k.getName()).toList();
    try {
      List<String> added =
          SearchAttributes.register(client.getWorkflowServiceStubs(), target.namespace());
      if (!added.isEmpty()) {
        log.info("registered search attributes {} in {}", added, target.namespace());
      }
    } catch (StatusRuntimeException e) {
      throw new IllegalStateException(
          "the search attributes "
              + names
              + " are missing in namespace "
              + target.namespace()
              + " and the worker may not add them ("
              + e.getStatus().getCode()
              + "): register each as Keyword (Temporal Cloud: tcld namespace search-attributes"
              + " add; a self-hosted server: temporal operator search-attribute create), then"
              + " start the worker again",
          e);
    }
  }

  @EventListener
  void stop(ShutdownEvent event) {
    if (factory == null) {
      return;
    }
    log.info("stopping: no new tasks; running activities get {}", settings.shutdownGrace());
    factory.shutdown();
    // The cluster clients close after this, when the context destroys its beans.
    factory.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean running() {
    return factory != null && factory.isStarted() && !factory.isShutdown();
  }
}
