package io.glidepath.worker.board;

import io.glidepath.analysis.prometheus.PrometheusClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's board: its Temporal client, and for the charts the Prometheus analysis reads (the
 * sandbox's in the {@code sandbox} environment).
 */
@Factory
@Requires(property = "glidepath.board.enabled", notEquals = "false")
final class BoardFactory {
  private static final Logger log = LoggerFactory.getLogger(BoardFactory.class);

  @Singleton
  Board board(WorkflowClient client, PrometheusClient prometheus, BoardSettings settings) {
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
