package io.glidepath.cli;

import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.TemporalTarget;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import picocli.CommandLine.Option;

/**
 * How the CLI reaches Temporal, with the Temporal CLI's options and environment variables. The
 * connection is checked before anything is sent, so an unreachable server is one clear line.
 */
final class TemporalOptions {
  @Option(
      names = "--address",
      defaultValue = "${env:TEMPORAL_ADDRESS:-localhost:7233}",
      description = "Temporal frontend host:port (env TEMPORAL_ADDRESS; default ${DEFAULT-VALUE})")
  String address;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default ${DEFAULT-VALUE})")
  String namespace;

  @Option(
      names = "--api-key",
      defaultValue = "${env:TEMPORAL_API_KEY}",
      description = "API key for Temporal Cloud (env TEMPORAL_API_KEY)")
  String apiKey;

  @Option(
      names = "--tls-cert-path",
      defaultValue = "${env:TEMPORAL_TLS_CLIENT_CERT_PATH}",
      description = "mTLS client certificate (env TEMPORAL_TLS_CLIENT_CERT_PATH)")
  String tlsCertPath;

  @Option(
      names = "--tls-key-path",
      defaultValue = "${env:TEMPORAL_TLS_CLIENT_KEY_PATH}",
      description = "mTLS client key (env TEMPORAL_TLS_CLIENT_KEY_PATH)")
  String tlsKeyPath;

  private WorkflowClient client;

  /** A connected client; throws {@code TemporalUnreachableException} when nobody answers. */
  WorkflowClient client() {
    if (client == null) {
      TemporalTarget target =
          new TemporalTarget(address, namespace, apiKey, tlsCertPath, tlsKeyPath);
      WorkflowServiceStubs stubs = target.stubs(null);
      target.ping(stubs);
      client = target.client(stubs);
    }
    return client;
  }

  ReleaseLauncher launcher() {
    return new ReleaseLauncher(client());
  }
}
