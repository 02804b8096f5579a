package io.glidepath.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.glidepath.client.TemporalTarget;
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

/**
 * The Temporal connection from {@link WorkerSettings}. The activity implementations come from the
 * adapter factories ({@link ActivityFactory} and the ones it names).
 */
@Factory
final class GlidepathFactory {

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
}
