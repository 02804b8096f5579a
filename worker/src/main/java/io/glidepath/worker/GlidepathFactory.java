package io.glidepath.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.kubernetes.KubeconfigClients;
import io.glidepath.notify.ConsoleCards;
import io.glidepath.notify.GrafanaAnnotator;
import io.glidepath.notify.LinkTemplates;
import io.glidepath.notify.NotificationActivitiesImpl;
import io.glidepath.notify.PushgatewayPublisher;
import io.glidepath.notify.ReleaseEventSink;
import io.glidepath.notify.Secrets;
import io.glidepath.notify.SlackNotifier;
import io.glidepath.notify.TeamsNotifier;
import io.glidepath.release.TemporalTarget;
import io.glidepath.traffic.TrafficRouter;
import io.glidepath.traffic.cloudflare.CloudflareClient;
import io.glidepath.traffic.cloudflare.CloudflareConfig;
import io.glidepath.traffic.cloudflare.DnsSwitchRouter;
import io.glidepath.traffic.cloudflare.OriginWeightRouter;
import io.glidepath.traffic.cloudflare.PoolWeightRouter;
import io.glidepath.traffic.cloudflare.RequestBudget;
import io.glidepath.worker.dev.SandboxTarget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Temporal connection and the activity implementations from {@link WorkerSettings}. */
@Factory
final class GlidepathFactory {
  private static final Logger log = LoggerFactory.getLogger(GlidepathFactory.class);

  @Singleton
  TemporalTarget target(WorkerSettings s) {
    var t = s.temporal();
    return new TemporalTarget(
        t.address(), t.namespace(), t.apiKey(), t.tlsCertPath(), t.tlsKeyPath());
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  WorkflowServiceStubs stubs(TemporalTarget target, MeterRegistry registry) {
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
    return target.stubs(scope);
  }

  /**
   * Histogram buckets for the SDK's latencies, so schedule-to-start p99 can be read in PromQL
   * ({@code histogram_quantile}) across workers.
   */
  @Singleton
  MeterFilter temporalHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("temporal_")) {
          return DistributionStatisticConfig.builder()
              .percentilesHistogram(true)
              .build()
              .merge(config);
        }
        return config;
      }
    };
  }

  @Singleton
  WorkflowClient client(TemporalTarget target, WorkflowServiceStubs stubs) {
    return target.client(stubs);
  }

  /**
   * The activity implementations the worker registers: the real adapters, aimed at the sandbox's
   * clusters and metrics in sandbox mode, else at the configured clusters, Cloudflare, Prometheus
   * and chat.
   */
  @Singleton
  Activities activities(WorkerSettings s, MeterRegistry registry) {
    if (s.sandbox()) {
      SandboxTarget sandbox =
          SandboxTarget.fetch(s.sandboxUrl())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no sandbox answers at "
                              + s.sandboxUrl()
                              + ": start glidepath-worker dev-server, or this worker with --dev"));
      log.info("sandbox clusters {}, metrics from {}", sandbox.clusters(), sandbox.prometheusUrl());
      return new Activities(
          sandbox.activities(
              List.of(new ConsoleCards(System.out), new ReleaseMetrics(registry)),
              ReleaseMetrics.checkTimer(registry)),
          null);
    }
    Map<String, String> env = System.getenv();
    Secrets secrets = Secrets.fromEnvironment();
    var n = s.notifications();
    LinkTemplates links = new LinkTemplates(n.dashboardLink(), n.logsLink(), n.workflowLink());
    List<ReleaseEventSink> sinks = new ArrayList<>();
    sinks.add(new SlackNotifier(secrets, links, n.timeout()));
    sinks.add(new TeamsNotifier(secrets, links, n.timeout()));
    if (present(n.grafanaUrl())) {
      sinks.add(
          new GrafanaAnnotator(n.grafanaUrl(), n.grafanaDashboardUid(), secrets, n.timeout()));
    }
    if (present(n.pushgatewayUrl())) {
      sinks.add(new PushgatewayPublisher(n.pushgatewayUrl(), n.timeout()));
    }
    sinks.add(new ReleaseMetrics(registry));
    NotificationActivitiesImpl notifications = new NotificationActivitiesImpl(sinks);
    for (ReleaseEventSink sink : sinks) {
      FunctionCounter.builder(
              "glidepath.notification.failures", notifications, x -> x.failures(sink.name()))
          .description("Notifications a sink failed to deliver")
          .tag("sink", sink.name())
          .register(registry);
    }

    List<TrafficRouter> cloudflareRouters = new ArrayList<>();
    var cf = s.cloudflare();
    if (present(cf.tokenFile()) || present(env.get(cf.tokenEnv()))) {
      String token =
          CloudflareConfig.resolveToken(
              cf.tokenEnv(), present(cf.tokenFile()) ? Path.of(cf.tokenFile()) : null, env);
      CloudflareClient cloudflare =
          new CloudflareClient(
              new CloudflareConfig(present(cf.baseUrl()) ? cf.baseUrl() : null, token, null),
              RequestBudget.cloudflare());
      cloudflareRouters.add(new OriginWeightRouter(cloudflare));
      cloudflareRouters.add(new PoolWeightRouter(cloudflare));
      cloudflareRouters.add(new DnsSwitchRouter(cloudflare));
    } else {
      log.info("Cloudflare routers off: no API token in ${} or a token file", cf.tokenEnv());
    }

    var p = s.prometheus();
    String promToken = present(p.tokenEnv()) ? env.get(p.tokenEnv()) : null;
    PrometheusClient prometheus =
        new PrometheusClient(
            new PrometheusConfig(p.url(), p.timeout(), promToken, null, null, null));
    KubeconfigClients clusters = new KubeconfigClients();
    return new Activities(
        Adapters.activities(
            clusters,
            cloudflareRouters,
            s.rolloutPollInterval(),
            prometheus,
            ReleaseMetrics.checkTimer(registry),
            notifications),
        clusters);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** The implementations to register, and what to close when the worker stops. */
  record Activities(Object[] implementations, AutoCloseable resources) {}
}
