package io.glidepath.worker;

import io.glidepath.analysis.prometheus.AnalysisActivitiesImpl;
import io.glidepath.analysis.prometheus.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.deploy.DeploymentActivitiesImpl;
import io.glidepath.hooks.HookActivitiesImpl;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.line.LineActivitiesImpl;
import io.glidepath.notify.NotificationActivitiesImpl;
import io.glidepath.notify.ReleaseEventSink;
import io.glidepath.notify.Secrets;
import io.glidepath.traffic.TrafficActivitiesImpl;
import io.glidepath.traffic.TrafficRouter;
import io.glidepath.traffic.TrafficRouterRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The activity implementations {@link WorkerRegistrar} registers, built from the adapter beans: the
 * traffic activities dispatch to every {@link TrafficRouter} bean and the notifications to every
 * {@link ReleaseEventSink} bean; deployments and hooks use the {@link KubernetesClients} bean, and
 * analysis the {@link PrometheusClient} bean. Which adapter beans exist is decided by their own
 * factories ({@link KubernetesAdapters}, {@link CloudflareAdapters}, {@link PrometheusAdapters},
 * {@link NotificationSinks}, or {@code dev.SandboxAdapters} in the {@code sandbox} environment).
 */
@Factory
final class ActivityFactory {

  @Singleton
  TrafficActivitiesImpl traffic(List<TrafficRouter> routers) {
    return new TrafficActivitiesImpl(new TrafficRouterRegistry(routers));
  }

  @Singleton
  DeploymentActivitiesImpl deployments(KubernetesClients clusters, WorkerSettings s) {
    return new DeploymentActivitiesImpl(clusters, s.rolloutPollInterval());
  }

  @Singleton
  HookActivitiesImpl hooks(KubernetesClients clusters, Secrets secrets, WorkerSettings s) {
    return new HookActivitiesImpl(clusters, secrets, s.rolloutPollInterval());
  }

  @Singleton
  AnalysisActivitiesImpl analysis(PrometheusClient prometheus, MeterRegistry registry) {
    return new AnalysisActivitiesImpl(
        new PrometheusChecks(prometheus), Clock.systemUTC(), ReleaseMetrics.checkTimer(registry));
  }

  /** Every sink gets each event; each one's failures are counted on {@code /prometheus}. */
  @Singleton
  NotificationActivitiesImpl notifications(List<ReleaseEventSink> sinks, MeterRegistry registry) {
    NotificationActivitiesImpl notifications = new NotificationActivitiesImpl(sinks);
    for (ReleaseEventSink sink : sinks) {
      FunctionCounter.builder(
              "glidepath.notification.failures", notifications, x -> x.failures(sink.name()))
          .description("Notifications a sink failed to deliver")
          .tag("sink", sink.name())
          .register(registry);
    }
    return notifications;
  }

  @Singleton
  LineActivitiesImpl line(WorkflowClient client) {
    return new LineActivitiesImpl(client);
  }

  /** The secrets release specs name (webhooks, tokens): the worker's environment variables. */
  @Singleton
  Secrets secrets() {
    return Secrets.fromEnvironment();
  }
}
