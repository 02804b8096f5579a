package io.glidepath.kubernetes;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
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
    createDeployment(client, "checkout", "2.3.0");
    if (withCanary) {
      createDeployment(client, "checkout-canary", "2.4.0");
    }
    client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "checkout")
                .addToSelector("version", "2.3.0")
                .addNewPort()
                .withPort(80)
                .withNewTargetPort(8080)
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .resources(HTTPRoute.class)
        .inNamespace(NS)
        .resource(
            new HTTPRouteBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName("public-gateway")
                .endParentRef()
                .addToHostnames("checkout.example.com")
                .addNewRule()
                .addNewBackendRef()
                .withName("checkout")
                .withPort(80)
                .withWeight(100)
                .endBackendRef()
                .addNewBackendRef()
                .withName("checkout-canary")
                .withPort(80)
                .withWeight(0)
                .endBackendRef()
                .endRule()
                .addNewRule()
                .addNewMatch()
                .withNewPath()
                .withType("PathPrefix")
                .withValue("/admin")
                .endPath()
                .endMatch()
                .addNewBackendRef()
                .withName("checkout-admin")
                .withPort(80)
                .withWeight(1)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build())
        .create();
  }

  /** A Deployment of checkout {@code version} with 3 replicas, its selector pinning the version. */
  public static void createDeployment(KubernetesClient client, String name, String version) {
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .addToLabels("app", "checkout")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .addToMatchLabels("app", "checkout")
                .addToMatchLabels("version", version)
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "checkout")
                .addToLabels("version", version)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("ghcr.io/acme/checkout:" + version)
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
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
