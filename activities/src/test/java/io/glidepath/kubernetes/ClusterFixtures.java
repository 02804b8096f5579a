package io.glidepath.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import java.util.List;
import java.util.Map;

/** Realistic objects of one region of the {@code checkout} service in namespace {@code shop}. */
public final class ClusterFixtures {
  public static final String NS = "shop";

  private ClusterFixtures() {}

  /**
   * The stable Deployment {@code checkout} at 2.3.0 (3 replicas), its Service and an HTTPRoute with
   * a second rule; with {@code withCanary}, a {@code checkout-canary} Deployment at 2.4.0 too.
   */
  public static void seed(KubernetesClient client, boolean withCanary) {
    SampleService.seed(client, NS, "checkout", "2.3.0");
    if (withCanary) {
      createDeployment(client, "checkout-canary", "2.4.0");
    }
  }

  /** A Deployment of checkout {@code version} with 3 replicas, its selector pinning the version. */
  public static void createDeployment(KubernetesClient client, String name, String version) {
    SampleService.createDeployment(client, NS, name, "checkout", version);
  }

  /**
   * Region eu-west on cluster prod-eu, deploying {@code checkout} beside {@code checkout-canary}.
   */
  public static RegionSpec region(TrafficRouterType type, Map<String, String> settings) {
    return new RegionSpec(
        "eu-west",
        "prod-eu",
        NS,
        new DeploymentTarget("checkout", "checkout-canary", "app"),
        new TrafficTarget(type, settings),
        List.of());
  }
}
