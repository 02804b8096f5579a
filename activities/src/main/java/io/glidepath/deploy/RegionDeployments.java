package io.glidepath.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import java.util.function.Supplier;

/**
 * The Deployments of a request's region on its cluster. Every call re-reads the object on a 409
 * Conflict and turns a Kubernetes failure into one that names the Deployment and the cluster.
 */
final class RegionDeployments {
  /** The annotation naming the release that last changed a Deployment. */
  static final String RELEASE = "glidepath.io/release";

  private final KubernetesClients clients;

  RegionDeployments(KubernetesClients clients) {
    this.clients = clients;
  }

  /** Runs {@code step} against the Deployment {@code name}, classifying what fails. */
  <T> T call(DeployRequest r, String name, Supplier<T> step) {
    try {
      return KubernetesFailures.rereadOnConflict(step);
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what(r, name), r.region().cluster());
    }
  }

  /** The Deployment {@code name}; a failure that says {@code fix} when it does not exist. */
  Deployment require(DeployRequest r, String name, String fix) {
    Deployment d = call(r, name, () -> in(r).withName(name).get());
    if (d == null) {
      throw KubernetesFailures.missing(
          "Deployment " + r.region().namespace() + "/" + name, r.region().cluster(), fix);
    }
    return d;
  }

  /** Scales {@code name} to zero pods, if it exists and has any. */
  void scaleToZero(DeployRequest r, String name) {
    call(
        r,
        name,
        () -> {
          var d = in(r).withName(name);
          Deployment current = d.get();
          if (current != null && !Integer.valueOf(0).equals(current.getSpec().getReplicas())) {
            d.scale(0);
          }
          return null;
        });
  }

  KubernetesClient client(DeployRequest r) {
    return clients.forCluster(r.region().cluster());
  }

  /** The Deployments in the region's namespace. */
  NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>> in(
      DeployRequest r) {
    return client(r).apps().deployments().inNamespace(r.region().namespace());
  }

  /** {@code Deployment namespace/name}, as messages name it. */
  static String what(DeployRequest r, String name) {
    return "Deployment " + r.region().namespace() + "/" + name;
  }
}
