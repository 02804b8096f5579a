package io.glidepath.worker.board;

import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.glidepath.worker.WorkerSettings;
import io.glidepath.worker.dev.SandboxTarget;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's board: its Temporal client, and the Prometheus analysis reads for the charts. */
@Factory
@Requires(property = "glidepath.board.enabled", notEquals = "false")
final class BoardFactory {
  private static final Logger log = LoggerFactory.getLogger(BoardFactory.class);

  @Singleton
  Board board(WorkflowClient client, WorkerSettings worker, BoardSettings settings) {
    String prometheusUrl =
        worker.sandbox()
            ? SandboxTarget.fetch(worker.sandboxUrl())
                .map(SandboxTarget::prometheusUrl)
                .orElse(null)
            : worker.prometheus().url();
    PrometheusClient prometheus = null;
    if (prometheusUrl != null && !prometheusUrl.isBlank()) {
      String tokenEnv = worker.prometheus().tokenEnv();
      String token = worker.sandbox() || tokenEnv == null ? null : System.getenv(tokenEnv);
      prometheus =
          new PrometheusClient(
              new PrometheusConfig(
                  prometheusUrl, worker.prometheus().timeout(), token, null, null, null));
    }
    if (settings.devIdentity() != null && !settings.devIdentity().isBlank()) {
      log.warn(
          "board: actions without a proxy identity act as {} (glidepath.board.dev-identity);"
              + " for a local dev stack only",
          settings.devIdentity());
    }
    return create(client, prometheus, settings);
  }

  /** A board on {@code client}; {@code prometheus} may be null (charts from the status only). */
  public static Board create(WorkflowClient client, PrometheusClient prometheus, BoardSettings s) {
    return new Board(
        new Releases(client),
        new MetricSamples(prometheus, System::currentTimeMillis),
        s.refresh() == null ? 1000 : s.refresh().toMillis(),
        s.csrfSecret(),
        s.devIdentity(),
        System::currentTimeMillis);
  }
}
