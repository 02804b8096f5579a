package io.glidepath.cli.common;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.client.TemporalTarget;
import io.glidepath.status.MessageLimits;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/**
 * How the CLI reaches Temporal, with the Temporal CLI's options and environment variables. The
 * connection is checked before anything is sent, so an unreachable server is one clear line.
 */
public final class TemporalOptions {
  @Option(
      names = "--address",
      defaultValue = "${env:TEMPORAL_ADDRESS:-localhost:7233}",
      description = "Temporal frontend host:port (env TEMPORAL_ADDRESS; default ${DEFAULT-VALUE})")
  String address;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default ${DEFAULT-VALUE})")
  public String namespace;

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
          "the Temporal client identity, recorded by Temporal with everything this command sends"
              + " and by the release beside the name given with --by (default: user@host)")
  public String identity;

  private WorkflowClient client;

  /**
   * The client identity: {@code --identity}, else {@code user@host}. Checked like a name ({@link
   * Inputs#clientIdentity}), so a bad one is refused before anything is sent.
   */
  public String identity() {
    if (identity == null) {
      identity = defaultIdentity(System.getProperty("user.name"), host());
    }
    return Inputs.clientIdentity(identity);
  }

  /**
   * {@code user@host}, always a valid identity: characters an identity may not hold (a Windows
   * {@code DOMAIN\\user}, spaces) become {@code -}, and it is cut to the bound on names.
   */
  public static String defaultIdentity(String user, String host) {
    String u = user == null || user.isBlank() ? "unknown" : user.strip();
    String id = (u + "@" + host).replaceAll("[^\\p{L}\\p{N}._@+:/-]", "-");
    if (!Character.isLetterOrDigit(id.codePointAt(0))) {
      id = "user" + id;
    }
    return id.length() <= MessageLimits.MAX_IDENTITY
        ? id
        : id.substring(0, MessageLimits.MAX_IDENTITY);
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** A connected client; throws {@code TemporalUnreachableException} when nobody answers. */
  public WorkflowClient client() {
    if (client == null) {
      String checked = identity();
      TemporalTarget target =
          new TemporalTarget(address, namespace, apiKey, tlsCertPath, tlsKeyPath);
      WorkflowServiceStubs stubs = target.stubs(null);
      target.ping(stubs);
      client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(target.namespace())
                  .setIdentity(checked)
                  .build());
    }
    return client;
  }

  public ReleaseLauncher launcher() {
    return new ReleaseLauncher(client());
  }
}
