package io.glidepath.model;

import java.util.List;

/**
 * One region of a release: the cluster and namespace it deploys to, its Deployment, its traffic
 * layer and the smoke checks the new version must pass before it takes traffic.
 *
 * @param name region name, used in workflow ids ({@code release-<service>-<name>})
 * @param cluster kubeconfig context, or {@code in-cluster}
 * @param namespace Kubernetes namespace of the service
 * @param smokeChecks HTTP URLs that must answer 200 from the new version
 */
public record RegionSpec(
    String name,
    String cluster,
    String namespace,
    DeploymentTarget deployment,
    TrafficTarget traffic,
    List<String> smokeChecks) {
  public RegionSpec {
    smokeChecks = smokeChecks == null ? List.of() : List.copyOf(smokeChecks);
  }
}
