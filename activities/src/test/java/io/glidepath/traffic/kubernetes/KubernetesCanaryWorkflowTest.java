package io.glidepath.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.deploy.DeploymentActivitiesImpl;
import io.glidepath.kubernetes.ClusterFixtures;
import io.glidepath.kubernetes.SimulatedController;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.RegionOutcome;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import io.glidepath.traffic.TrafficActivitiesImpl;
import io.glidepath.traffic.TrafficRouterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A region's canary with the real deployment and Gateway API activities against the Fabric8 CRUD
 * mock, a fake controller finishing rollouts; metrics and notifications come from the sandbox and
 * breach when the route really sends half the traffic to the canary.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesCanaryWorkflowTest {
  KubernetesClient client;

  private Harness h;
  private final List<Integer> canaryWeights = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private List<Integer> routeWeights() {
    return client
        .resources(HTTPRoute.class)
        .inNamespace(ClusterFixtures.NS)
        .withName("checkout")
        .get()
        .getSpec()
        .getRules()
        .get(0)
        .getBackendRefs()
        .stream()
        .map(HTTPBackendRef::getWeight)
        .toList();
  }

  @Test
  void aBreachAtHalfTrafficPutsTheRouteBackOnStableAndScalesTheCanaryDown() throws Exception {
    ClusterFixtures.seed(client, false);
    SimulatedController controller = new SimulatedController(client);
    controller.settle(ClusterFixtures.NS, "checkout");
    h =
        Harness.withActivities(
            new DeploymentActivitiesImpl(cluster -> client, Duration.ofMillis(20)),
            new TrafficActivitiesImpl(
                new TrafficRouterRegistry(List.of(new GatewayRouteRouter(cluster -> client)))));
    h.world.metrics =
        (region, w, query, check) -> {
          int canary = routeWeights().get(1);
          if (canaryWeights.isEmpty() || canaryWeights.get(canaryWeights.size() - 1) != canary) {
            canaryWeights.add(canary);
          }
          return query.equals("error-rate") && canary == 50
              ? 0.04
              : SandboxWorld.healthy(region, w, query, check);
        };

    ReleaseSpec spec =
        SpecParser.parse(
            """
            service: checkout
            version: 2.4.0
            image: ghcr.io/acme/checkout:2.4.0
            regions:
              - name: eu-west
                cluster: prod-eu
                namespace: shop
                deployment: {stable: checkout, container: app}
                traffic: {type: gateway-api, route: checkout, stableBackend: checkout,
                          canaryBackend: checkout-canary}
            soak: 0s
            """,
            "kubernetes canary");
    ReleaseLauncher launcher = h.launcher;
    ReleaseResult result;
    try (AutoCloseable running = controller.runIn(ClusterFixtures.NS)) {
      launcher.start(spec, "alice");
      result = launcher.result("checkout");
    }

    assertEquals(ReleasePhase.FAILED, result.phase());
    assertEquals(RegionOutcome.ROLLED_BACK, result.regions().get(0).outcome());
    assertTrue(result.regions().get(0).reason().contains("error-rate 4% > 0.5%"), result.summary());
    assertEquals(List.of(10, 25, 50), canaryWeights, "metrics were read at each stage's weight");
    assertEquals(List.of(100, 0), routeWeights(), "all traffic back on stable");
    var deployments = client.apps().deployments().inNamespace(ClusterFixtures.NS);
    assertEquals(0, deployments.withName("checkout-canary").get().getSpec().getReplicas());
    assertEquals(3, deployments.withName("checkout").get().getSpec().getReplicas());
    assertEquals(
        "ghcr.io/acme/checkout:2.4.0",
        deployments
            .withName("checkout-canary")
            .get()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImage());
  }
}
