package io.glidepath.devstack;

import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.notify.ConsoleCards;
import io.glidepath.worker.WorkerSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sandbox} environment ({@code --dev}, the demo): the real adapters aimed at the
 * sandbox's clusters and metrics, which {@code glidepath.sandbox-url} tells ({@link
 * SandboxTarget}), and incident cards on the console. Its {@code application-sandbox.yml} polls
 * rollouts every 250 ms, as the sandbox's controller finishes them at once. The production adapters
 * that would aim elsewhere (kubeconfig, Prometheus, Cloudflare, chat) are off in this environment.
 */
@Factory
@Requires(env = SandboxAdapters.ENVIRONMENT)
public final class SandboxAdapters {
  /** The Micronaut environment that aims the worker at the sandbox. */
  public static final String ENVIRONMENT = WorkerSettings.SANDBOX_ENVIRONMENT;

  private static final Logger log = LoggerFactory.getLogger(SandboxAdapters.class);

  @Singleton
  SandboxTarget target(WorkerSettings s) {
    SandboxTarget sandbox =
        SandboxTarget.fetch(s.sandboxUrl())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no sandbox answers at "
                            + s.sandboxUrl()
                            + ": start glidepath-dev dev-server, or a worker with --dev"));
    log.info("sandbox clusters {}, metrics from {}", sandbox.clusters(), sandbox.prometheusUrl());
    return sandbox;
  }

  @Singleton
  KubernetesClients clusters(SandboxTarget sandbox) {
    return sandbox.kubernetesClients();
  }

  @Singleton
  PrometheusClient prometheus(SandboxTarget sandbox) {
    return new PrometheusClient(PrometheusConfig.at(sandbox.prometheusUrl()));
  }

  @Singleton
  ConsoleCards cards() {
    return new ConsoleCards(System.out);
  }
}
