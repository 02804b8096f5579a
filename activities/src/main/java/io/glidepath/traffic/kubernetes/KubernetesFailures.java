package io.glidepath.traffic.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;

/**
 * Classifies Kubernetes API errors once: a missing object or a forbidden call is non-retryable and
 * says what to fix; conflicts, timeouts and 5xx are retried (each retry re-reads the object and
 * applies the end state again).
 */
final class KubernetesFailures {
  private KubernetesFailures() {}

  static ApplicationFailure classify(KubernetesClientException e, String what, String cluster) {
    int code = e.getCode();
    String where = what + " in cluster " + cluster;
    return switch (code) {
      case 404 ->
          ApplicationFailure.newNonRetryableFailure(
              where + " not found; check the region's namespace and object names", "NotFound");
      case 401, 403 ->
          ApplicationFailure.newNonRetryableFailure(
              "the worker may not change "
                  + where
                  + " (HTTP "
                  + code
                  + "); grant its service"
                  + " account get and patch on that kind",
              "Forbidden");
      default ->
          ApplicationFailure.newFailure(
              where + " failed (HTTP " + code + "): " + e.getMessage(), "KubernetesUnavailable");
    };
  }

  static ApplicationFailure missing(String what, String cluster, String fix) {
    return ApplicationFailure.newNonRetryableFailure(
        what + " in cluster " + cluster + " not found; " + fix, "NotFound");
  }
}
