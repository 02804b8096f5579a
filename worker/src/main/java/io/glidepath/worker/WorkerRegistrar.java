package io.glidepath.worker;

import io.glidepath.region.RegionRolloutWorkflowImpl;
import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.ReleaseWorkflowImpl;
import io.glidepath.release.TemporalTarget;
import io.glidepath.sandbox.SandboxWorld;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the workflows and activities on the {@code glidepath-releases} task queue when the
 * application starts, and on shutdown stops polling and gives running activities the grace period
 * to finish (or to heartbeat out, so Temporal retries them on another worker).
 */
@Singleton
final class WorkerRegistrar {
  private static final Logger log = LoggerFactory.getLogger(WorkerRegistrar.class);

  private final WorkflowClient client;
  private final TemporalTarget target;
  private final GlidepathFactory.Activities activities;
  private final WorkerSettings settings;
  private WorkerFactory factory;

  WorkerRegistrar(
      WorkflowClient client,
      TemporalTarget target,
      GlidepathFactory.Activities activities,
      WorkerSettings settings) {
    this.client = client;
    this.target = target;
    this.activities = activities;
    this.settings = settings;
  }

  @EventListener
  void start(StartupEvent event) {
    target.ping(client.getWorkflowServiceStubs());
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(ReleaseLauncher.TASK_QUEUE);
    if (settings.sandbox()) {
      SandboxWorld.registerWorkflows(worker);
    } else {
      worker.registerWorkflowImplementationTypes(
          ReleaseWorkflowImpl.class, RegionRolloutWorkflowImpl.class);
    }
    worker.registerActivitiesImplementations(activities.implementations());
    factory.start();
    log.info(
        "worker polling {} on {}{}",
        ReleaseLauncher.TASK_QUEUE,
        target,
        settings.sandbox() ? " with the in-memory sandbox" : "");
  }

  @EventListener
  void stop(ShutdownEvent event) {
    if (factory == null) {
      return;
    }
    log.info("stopping: no new tasks; running activities get {}", settings.shutdownGrace());
    factory.shutdown();
    factory.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    if (activities.resources() != null) {
      try {
        activities.resources().close();
      } catch (Exception e) {
        log.warn("closing the cluster clients failed", e);
      }
    }
  }

  boolean running() {
    return factory != null && factory.isStarted() && !factory.isShutdown();
  }
}
