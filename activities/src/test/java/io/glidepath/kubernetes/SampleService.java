package io.glidepath.kubernetes;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A service as a cluster holds it before its first release: the objects the sandbox seeds in each
 * region and the Kubernetes tests start from.
 */
public final class SampleService {
  private SampleService() {}

  /**
   * The stable Deployment {@code service} at {@code version} (3 replicas), its Service, and an
   * HTTPRoute sending all traffic to it, with a zero-weight {@code <service>-canary} backend and a
   * second rule for {@code /admin} that a release must leave alone.
   */
  public static void seed(KubernetesClient client, String ns, String service, String version) {
    createDeployment(client, ns, service, service, version);
    client
        .services()
        .inNamespace(ns)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(service)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", service)
                .addToSelector("track", "stable")
                .addNewPort()
                .withPort(80)
                .withNewTargetPort(8080)
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .resources(HTTPRoute.class)
        .inNamespace(ns)
        .resource(
            new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(service)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName("public-gateway")
                .endParentRef()
                .addToHostnames(service + ".example.com")
                .addNewRule()
                .addNewBackendRef()
                .withName(service)
                .withPort(80)
                .withWeight(100)
                .endBackendRef()
                .addNewBackendRef()
                .withName(service + "-canary")
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
                .withName(service + "-admin")
                .withPort(80)
                .withWeight(1)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build())
        .create();
  }

  /**
   * A Deployment of {@code service} {@code version} with 3 replicas. Its selector is the app and
   * the track ({@code stable} for the Deployment named like the service, else {@code canary}),
   * never the version, so the stable Deployment can be promoted to the next version in place.
   */
  public static void createDeployment(
      KubernetesClient client, String ns, String name, String service, String version) {
    String track = name.equals(service) ? "stable" : "canary";
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .addToLabels("app", service)
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .addToMatchLabels("app", service)
                .addToMatchLabels("track", track)
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", service)
                .addToLabels("track", track)
                .addToLabels("version", version)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("ghcr.io/acme/" + service + ":" + version)
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
}
