package io.glidepath.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Where a Deployment's rollout stands, read from its status the way {@code kubectl rollout status}
 * does. Complete means the controller has seen the latest spec and every replica runs it and is
 * available; {@code Readiness.isDeploymentReady} is not enough, as it ignores the generation and
 * the updated replicas.
 */
public record Rollout(
    long generation,
    long observedGeneration,
    int desired,
    int replicas,
    int updated,
    int available,
    String stalled) {

  public static Rollout of(Deployment d) {
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    String stalled = null;
    if (s.getConditions() != null) {
      for (DeploymentCondition c : s.getConditions()) {
        if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
          stalled = c.getMessage() == null ? c.getReason() : c.getMessage();
        }
      }
    }
    return new Rollout(
        orZero(d.getMetadata().getGeneration()),
        orZero(s.getObservedGeneration()),
        d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
        orZero(s.getReplicas()),
        orZero(s.getUpdatedReplicas()),
        orZero(s.getAvailableReplicas()),
        stalled);
  }

  public boolean complete() {
    return observedGeneration >= generation
        && updated == desired
        && replicas == desired
        && available == desired;
  }

  public String describe() {
    if (observedGeneration < generation) {
      return "waiting for the controller to see generation " + generation;
    }
    return updated + "/" + desired + " updated, " + available + "/" + desired + " available";
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  private static long orZero(Long l) {
    return l == null ? 0 : l;
  }
}
