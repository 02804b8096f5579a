package io.glidepath.worker;

import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The Prometheus analysis and the board read: {@code glidepath.prometheus.url}, with the bearer
 * token in the variable {@code glidepath.prometheus.token-env} names when it is set. In the {@code
 * sandbox} environment the sandbox's Prometheus replaces it.
 */
@Factory
@Requires(notEnv = WorkerSettings.SANDBOX_ENVIRONMENT)
final class PrometheusAdapters {

  @Singleton
  PrometheusClient prometheus(WorkerSettings s) {
    var p = s.prometheus();
    String token =
        p.tokenEnv() == null || p.tokenEnv().isBlank() ? null : System.getenv(p.tokenEnv());
    return new PrometheusClient(
        new PrometheusConfig(p.url(), p.timeout(), token, null, null, null));
  }
}
