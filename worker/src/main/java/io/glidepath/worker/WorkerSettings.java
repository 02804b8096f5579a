package io.glidepath.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The worker's configuration ({@code glidepath.*} in {@code application.yml}, each key overridable
 * by the environment variable its default names). Secrets are named here, never given: the worker
 * reads them from the environment or a file.
 *
 * @param sandboxUrl where the sandbox answers in the {@code sandbox} environment (see {@code
 *     io.glidepath.devstack.SandboxAdapters})
 * @param shutdownGrace how long a stopping worker lets running activities finish
 */
@ConfigurationProperties("glidepath")
public record WorkerSettings(
    @Bindable(defaultValue = "http://127.0.0.1:7240") String sandboxUrl,
    @Bindable(defaultValue = "30s") Duration shutdownGrace,
    @Bindable(defaultValue = "2s") Duration rolloutPollInterval,
    Temporal temporal,
    Prometheus prometheus,
    Cloudflare cloudflare,
    Notifications notifications) {

  /**
   * The Micronaut environment that aims the worker at the dev stack's sandbox (its adapters live in
   * the devstack module); the production adapters that would aim elsewhere are off in it.
   */
  public static final String SANDBOX_ENVIRONMENT = "sandbox";

  /** Where Temporal is; see {@link io.glidepath.client.TemporalTarget}. */
  @ConfigurationProperties("temporal")
  public record Temporal(
      String address,
      String namespace,
      @Nullable String apiKey,
      @Nullable String tlsCertPath,
      @Nullable String tlsKeyPath) {}

  /** Prometheus for analysis; the bearer token is read from the variable {@code tokenEnv}. */
  @ConfigurationProperties("prometheus")
  public record Prometheus(
      String url, String tokenEnv, @Bindable(defaultValue = "10s") Duration timeout) {}

  /**
   * The Cloudflare API token: from {@code tokenFile} when set, else the variable {@code tokenEnv}.
   */
  @ConfigurationProperties("cloudflare")
  public record Cloudflare(@Nullable String baseUrl, String tokenEnv, @Nullable String tokenFile) {}

  /**
   * Grafana and the Pushgateway (left out when their URL is empty) and the cards' links; {@code
   * boardLink} is where people reach this worker's board, e.g. {@code
   * https://glidepath.example.com/board/releases/{releaseId}}.
   */
  @ConfigurationProperties("notifications")
  public record Notifications(
      @Nullable String grafanaUrl,
      @Nullable String grafanaDashboardUid,
      @Nullable String pushgatewayUrl,
      @Nullable String dashboardLink,
      @Nullable String logsLink,
      @Nullable String workflowLink,
      @Nullable String boardLink,
      @Bindable(defaultValue = "10s") Duration timeout) {}
}
