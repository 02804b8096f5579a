package io.glidepath.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.glidepath.kubernetes.ClusterFixtures;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes routers against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesRoutersTest {
  static final String NS = ClusterFixtures.NS;
  KubernetesClient client;
  KubernetesMockServer server;

  @BeforeEach
  void realisticObjects() {
    ClusterFixtures.seed(client, true);
  }

  private void ingresses() {
    for (String name : List.of("checkout", "checkout-canary")) {
      var meta =
          new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS);
      if (name.endsWith("canary")) {
        meta.addToAnnotations(NginxCanaryRouter.CANARY, "true")
            .addToAnnotations(NginxCanaryRouter.WEIGHT, "0");
      }
      client
          .network()
          .v1()
          .ingresses()
          .inNamespace(NS)
          .resource(
              new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
                  .withMetadata(meta.build())
                  .withNewSpec()
                  .withIngressClassName("nginx")
                  .addNewRule()
                  .withHost("checkout.example.com")
                  .withNewHttp()
                  .addNewPath()
                  .withPath("/")
                  .withPathType("Prefix")
                  .withNewBackend()
                  .withNewService()
                  .withName(name)
                  .withNewPort()
                  .withNumber(80)
                  .endPort()
                  .endService()
                  .endBackend()
                  .endPath()
                  .endHttp()
                  .endRule()
                  .endSpec()
                  .build())
          .create();
    }
  }

  private Map<String, String> annotations(String ingress) {
    return client
        .network()
        .v1()
        .ingresses()
        .inNamespace(NS)
        .withName(ingress)
        .get()
        .getMetadata()
        .getAnnotations();
  }

  @Test
  void theNginxCanaryWeightMovesAndOnlyItsAnnotationChanges() {
    ingresses();
    NginxCanaryRouter router = new NginxCanaryRouter(cluster -> client);
    RegionSpec nginx =
        region(TrafficRouterType.NGINX_CANARY, Map.of("canaryIngress", "checkout-canary"));
    assertEquals(10, router.setWeight(nginx, 10));
    assertEquals(
        Map.of(NginxCanaryRouter.CANARY, "true", NginxCanaryRouter.WEIGHT, "10"),
        annotations("checkout-canary"));
    assertEquals(10, router.setWeight(nginx, 10));
    assertEquals(0, router.setWeight(nginx, 0));
    assertEquals("0", annotations("checkout-canary").get(NginxCanaryRouter.WEIGHT));
    Map<String, String> primaryAnnotations = annotations("checkout");
    assertTrue(
        primaryAnnotations == null || primaryAnnotations.isEmpty(),
        "the primary Ingress is untouched: " + primaryAnnotations);

    RegionSpec primary =
        region(TrafficRouterType.NGINX_CANARY, Map.of("canaryIngress", "checkout"));
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router.setWeight(primary, 10));
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("is not a canary Ingress"), f.getOriginalMessage());
  }

  private int replicas(String deployment) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(deployment)
        .get()
        .getSpec()
        .getReplicas();
  }

  @Test
  void theReplicaRatioSplitsThePodsAndRefusesWeightsItCannotHold() {
    ReplicaRatioRouter router = new ReplicaRatioRouter(cluster -> client);
    RegionSpec ratio = region(TrafficRouterType.REPLICA_RATIO, Map.of("totalReplicas", "4"));
    assertEquals(25, router.setWeight(ratio, 25));
    assertEquals(3, replicas("checkout"));
    assertEquals(1, replicas("checkout-canary"));
    assertEquals(50, router.setWeight(ratio, 50));
    assertEquals(2, replicas("checkout-canary"));
    assertEquals(0, router.setWeight(ratio, 0));
    assertEquals(4, replicas("checkout"));
    assertEquals(0, replicas("checkout-canary"));
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router.setWeight(ratio, 10));
    assertTrue(
        f.getOriginalMessage().startsWith("4 replicas cannot hold 10%"), f.getOriginalMessage());
  }

  /** A region on Gateway API: {@code route} sends to stable {@code checkout} and {@code canary}. */
  private RegionSpec gateway(String route, String canary) {
    return region(
        TrafficRouterType.GATEWAY_API,
        Map.of("route", route, "stableBackend", "checkout", "canaryBackend", canary));
  }

  private static RegionSpec region(TrafficRouterType type, Map<String, String> settings) {
    return ClusterFixtures.region(type, settings);
  }

  private final RegionSpec selector =
      region(
          TrafficRouterType.SERVICE_SELECTOR,
          Map.of("service", "checkout", "selectorLabel", "track"));
  private final RegionSpec gateway = gateway("checkout", "checkout-canary");

  private Map<String, String> serviceSelector() {
    return client.services().inNamespace(NS).withName("checkout").get().getSpec().getSelector();
  }

  private List<Integer> weights(int rule) {
    return client
        .resources(HTTPRoute.class)
        .inNamespace(NS)
        .withName("checkout")
        .get()
        .getSpec()
        .getRules()
        .get(rule)
        .getBackendRefs()
        .stream()
        .map(HTTPBackendRef::getWeight)
        .toList();
  }

  @Test
  void theServiceSelectorSwitchesToTheCanaryAndBackKeepingOtherKeys() {
    ServiceSelectorRouter router = new ServiceSelectorRouter(cluster -> client);
    assertEquals(100, router.setWeight(selector, 100));
    assertEquals(Map.of("app", "checkout", "track", "canary"), serviceSelector());
    assertEquals(100, router.setWeight(selector, 100), "repeated: same end state");
    assertEquals(Map.of("app", "checkout", "track", "canary"), serviceSelector());
    assertEquals(0, router.setWeight(selector, 0));
    assertEquals(Map.of("app", "checkout", "track", "stable"), serviceSelector());
  }

  @Test
  void theServiceSelectorRefusesPartialWeightsAndMissingObjects() {
    ServiceSelectorRouter router = new ServiceSelectorRouter(cluster -> client);
    assertThrows(ApplicationFailure.class, () -> router.setWeight(selector, 25));
    client.services().inNamespace(NS).withName("checkout").delete();
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router.setWeight(selector, 100));
    assertTrue(f.isNonRetryable());
    assertEquals("NotFound", f.getType());
    assertTrue(
        f.getOriginalMessage().startsWith("Service shop/checkout in cluster prod-eu not found"),
        f.getOriginalMessage());
  }

  @Test
  void gatewayRouteWeightsMoveForwardRollBackAndRepeat() {
    GatewayRouteRouter router = new GatewayRouteRouter(cluster -> client);
    assertEquals(25, router.setWeight(gateway, 25));
    assertEquals(List.of(75, 25), weights(0));
    assertEquals(List.of(1), weights(1), "the other rule is untouched");
    assertEquals(25, router.setWeight(gateway, 25));
    assertEquals(List.of(75, 25), weights(0));
    assertEquals(0, router.setWeight(gateway, 0));
    assertEquals(List.of(100, 0), weights(0));
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NS).withName("checkout").get();
    assertEquals(List.of("checkout.example.com"), route.getSpec().getHostnames());
    assertEquals("public-gateway", route.getSpec().getParentRefs().get(0).getName());
  }

  @Test
  void aConflictOnTheRouteIsReadAgainAndApplied() throws Exception {
    GatewayRouteRouter router = new GatewayRouteRouter(cluster -> client);
    server
        .expect()
        .patch()
        .withPath("/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/checkout")
        .andReturn(
            409,
            new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withMessage("the object has been modified")
                .build())
        .once();
    int before = server.getRequestCount();
    assertEquals(50, router.setWeight(gateway, 50));
    assertEquals(List.of(50, 50), weights(0));
    assertEquals(
        8,
        server.getRequestCount() - before,
        "twice the 4 requests of a clean change: the 409 made it read and apply again");
  }

  @Test
  void aRouteWithoutTheCanaryBackendOrNoRouteAtAllIsNonRetryable() {
    GatewayRouteRouter router = new GatewayRouteRouter(cluster -> client);
    RegionSpec wrongBackend = gateway("checkout", "checkout-green");
    ApplicationFailure noBackend =
        assertThrows(ApplicationFailure.class, () -> router.setWeight(wrongBackend, 10));
    assertTrue(noBackend.isNonRetryable());
    assertTrue(
        noBackend
            .getOriginalMessage()
            .contains("add the canary backend to the route with weight 0"));

    RegionSpec noRoute = gateway("shop-web", "checkout-canary");
    ApplicationFailure missing =
        assertThrows(ApplicationFailure.class, () -> router.setWeight(noRoute, 10));
    assertEquals("NotFound", missing.getType());
    assertTrue(
        missing
            .getOriginalMessage()
            .startsWith("HTTPRoute shop/shop-web in cluster prod-eu not found"));
  }
}
