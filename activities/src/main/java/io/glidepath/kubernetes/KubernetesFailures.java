package io.glidepath.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * Classifies Kubernetes API errors once: a missing object or a forbidden call is non-retryable and
 * says what to fix; conflicts, timeouts and 5xx are retried (each retry re-reads the object and
 * applies the end state again).
 */
public final class KubernetesFailures {
  private KubernetesFailures() {}

  public static ApplicationFailure classify(
      KubernetesClientException e, String what, String cluster) {
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

  /**
   * Runs a read-then-change step again, re-reading the object, when the API answers 409 Conflict
   * (someone else changed it in between); the third conflict goes to the activity's retries.
   */
  public static <T> T rereadOnConflict(Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 3) {
          throw e;
        }
      }
    }
  }

  public static ApplicationFailure missing(String what, String cluster, String fix) {
    return ApplicationFailure.newNonRetryableFailure(
        what + " in cluster " + cluster + " not found; " + fix, "NotFound");
  }
}
