package io.glidepath.client;

import com.uber.m3.tally.Scope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where Temporal is, with the Temporal CLI's names and environment variables: {@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY} (Temporal Cloud), and
 * {@code TEMPORAL_TLS_CLIENT_CERT_PATH} / {@code TEMPORAL_TLS_CLIENT_KEY_PATH} (mTLS). The worker
 * and the CLI connect the same way.
 */
public record TemporalTarget(
    String address, String namespace, String apiKey, String tlsCertPath, String tlsKeyPath) {
  public static final String DEFAULT_ADDRESS = "localhost:7233";

  public TemporalTarget {
    address = blank(address) ? DEFAULT_ADDRESS : address;
    namespace = blank(namespace) ? "default" : namespace;
    if (blank(tlsCertPath) != blank(tlsKeyPath)) {
      throw new IllegalArgumentException(
          "mTLS needs both TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH"
              + " (--tls-cert-path and --tls-key-path); only one is set");
    }
  }

  /** The target the environment names, with defaults for a local dev server. */
  public static TemporalTarget fromEnvironment(Map<String, String> env) {
    return new TemporalTarget(
        env.get("TEMPORAL_ADDRESS"),
        env.get("TEMPORAL_NAMESPACE"),
        env.get("TEMPORAL_API_KEY"),
        env.get("TEMPORAL_TLS_CLIENT_CERT_PATH"),
        env.get("TEMPORAL_TLS_CLIENT_KEY_PATH"));
  }

  /** Service stubs for this target; {@code metrics} may be null. Lazy: nothing is dialled yet. */
  public WorkflowServiceStubs stubs(Scope metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (metrics != null) {
      options.setMetricsScope(metrics);
    }
    if (!blank(tlsCertPath)) {
      try (InputStream cert = new FileInputStream(tlsCertPath);
          InputStream key = new FileInputStream(tlsKeyPath)) {
        options.setSslContext(SimpleSslContextBuilder.forPKCS8(cert, key).build());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the mTLS certificate or key (" + tlsCertPath + ", " + tlsKeyPath + ")", e);
      }
    }
    if (!blank(apiKey)) {
      options.setEnableHttps(true).addApiKey(() -> apiKey);
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  public WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /**
   * Asks the server for its system info within a few seconds; throws {@link
   * TemporalUnreachableException} saying what to do when it does not answer.
   */
  public io.temporal.api.workflowservice.v1.GetSystemInfoResponse ping(WorkflowServiceStubs stubs) {
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
        throw new TemporalUnreachableException(
            "cannot reach Temporal at " + address + ": is the worker running with --dev?", e);
      }
      throw e;
    }
  }

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "TemporalTarget[address="
        + address
        + ", namespace="
        + namespace
        + ", auth="
        + (!blank(apiKey) ? "api-key" : !blank(tlsCertPath) ? "mtls" : "none")
        + "]";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Temporal did not answer at the target's address. */
  public static final class TemporalUnreachableException extends RuntimeException {
    TemporalUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
