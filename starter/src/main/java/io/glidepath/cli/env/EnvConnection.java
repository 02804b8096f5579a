package io.glidepath.cli.env;

import io.glidepath.client.TemporalTarget;
import io.glidepath.status.MessageLimits;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import picocli.CommandLine.Option;

/**
 * How the {@code env} commands reach Temporal: the same options and environment variables as every
 * other command (the Temporal CLI's), checked before anything is sent.
 */
final class EnvConnection {
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

  @Option(
      names = "--identity",
      description =
          "the Temporal client identity, recorded with everything this command sends (default:"
              + " user@host)")
  String identity;

  private WorkflowClient client;

  /** A connected client; throws {@code TemporalUnreachableException} when nobody answers. */
  WorkflowClient client() {
    if (client == null) {
      String id = identity == null ? defaultIdentity() : identity.strip();
      MessageLimits.identityProblem(id)
          .ifPresent(
              p -> {
                throw new IllegalArgumentException("--identity " + p + "; nothing was sent");
              });
      TemporalTarget target =
          new TemporalTarget(address, namespace, apiKey, tlsCertPath, tlsKeyPath);
      WorkflowServiceStubs stubs = target.stubs(null);
      target.ping(stubs);
      client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(target.namespace())
                  .setIdentity(id)
                  .build());
    }
    return client;
  }

  private static String defaultIdentity() {
    String user = System.getProperty("user.name", "unknown");
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = "localhost";
    }
    String id = (user + "@" + host.strip()).replaceAll("[^\\p{L}\\p{N}._@+-]", "-");
    if (!Character.isLetterOrDigit(id.codePointAt(0))) {
      id = "user" + id;
    }
    return id.length() <= MessageLimits.MAX_IDENTITY
        ? id
        : id.substring(0, MessageLimits.MAX_IDENTITY);
  }
}
