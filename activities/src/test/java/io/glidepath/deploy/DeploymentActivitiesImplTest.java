package io.glidepath.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.glidepath.kubernetes.ClusterFixtures;
import io.glidepath.kubernetes.SimulatedController;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment activities on the Fabric8 CRUD mock, run as activities (so heartbeats are real),
 * with {@link SimulatedController} writing the status a controller would.
 */
@EnableKubernetesMockClient(crud = true)
class DeploymentActivitiesImplTest {
  static final String NS = ClusterFixtures.NS;
  static final String IMAGE = "ghcr.io/acme/checkout:2.4.0";

  KubernetesClient client;
  KubernetesMockServer server;
  @StartStop final MockWebServer smoke = new MockWebServer();

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<String> heartbeats = new ArrayList<>();
  private SimulatedController controller;
  private DeploymentActivities deploy;

  @BeforeEach
  void cluster() {
    ClusterFixtures.seed(client, false);
    controller = new SimulatedController(client);
    controller.settle(NS, "checkout");
    env.registerActivitiesImplementations(
        new DeploymentActivitiesImpl(cluster -> client, Duration.ofMillis(20)));
    deploy =
        env.newActivityStub(
            DeploymentActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static DeployRequest request(RegionSpec region) {
    return new DeployRequest(
        "release-checkout", "checkout", "2.4.0", IMAGE, "2.3.0", region, null, null);
  }

  private static DeployRequest request(TrafficRouterType type, List<String> smokeChecks) {
    RegionSpec r = ClusterFixtures.region(type, Map.of());
    return request(
        new RegionSpec(
            r.name(), r.cluster(), r.namespace(), r.deployment(), r.traffic(), smokeChecks));
  }

  private final DeployRequest gateway = request(TrafficRouterType.GATEWAY_API, List.of());

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private static ApplicationFailure failure(Runnable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call::run);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  /** Lets the fake controller finish the canary's rollout on the activity's first heartbeat. */
  private void controllerFinishesOnFirstHeartbeat(String name) {
    env.setActivityHeartbeatListener(
        String.class,
        progress -> {
          heartbeats.add(progress);
          if (heartbeats.size() == 1) {
            controller.settle(NS, name);
          }
        });
  }

  @Test
  void preflightReportsTheStableVersionOrRefusesAnUnhealthyOrMissingOne() {
    PreflightReport report = deploy.preflight(gateway);
    assertEquals(
        new PreflightReport("eu-west", "2.3.0", 3, 3, "ghcr.io/acme/checkout:2.3.0"), report);

    controller.rollout(NS, "checkout", 1, 0);
    ApplicationFailure unhealthy = failure(() -> deploy.preflight(gateway));
    assertTrue(unhealthy.isNonRetryable());
    assertEquals(
        "Deployment shop/checkout is not healthy (1/3 updated, 2/3 available); fix the stable"
            + " version before releasing over it",
        unhealthy.getOriginalMessage());

    client.apps().deployments().inNamespace(NS).withName("checkout").delete();
    ApplicationFailure missing = failure(() -> deploy.preflight(gateway));
    assertTrue(missing.isNonRetryable());
    assertEquals(
        "Deployment shop/checkout in cluster prod-eu not found; check deployment.stable",
        missing.getOriginalMessage());
  }

  @Test
  void deployNewCopiesTheStableTemplateAndWaitsForATrueRollout() {
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    deploy.deployNew(gateway);

    Deployment canary = deployment("checkout-canary");
    assertEquals(IMAGE, canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(
        Map.of("app", "checkout", "track", "canary", "version", "2.4.0"),
        canary.getSpec().getSelector().getMatchLabels(),
        "the canary's pods never match the stable selector (app + track: stable)");
    assertEquals(
        Map.of("app", "checkout", "track", "canary", "version", "2.4.0"),
        canary.getSpec().getTemplate().getMetadata().getLabels());
    assertEquals(3, canary.getSpec().getReplicas());
    assertEquals(
        "release-checkout", canary.getMetadata().getAnnotations().get(RegionDeployments.RELEASE));
    assertEquals(
        "waiting for the controller to see generation 1", heartbeats.get(0), "a true rollout wait");
    assertTrue(
        io.glidepath.kubernetes.Rollout.of(canary).complete(), "returns once the rollout is done");
    assertEquals(
        "ghcr.io/acme/checkout:2.3.0",
        deployment("checkout").getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        "the stable Deployment is untouched");

    String version = deployment("checkout-canary").getMetadata().getResourceVersion();
    deploy.deployNew(gateway);
    assertEquals(
        version,
        deployment("checkout-canary").getMetadata().getResourceVersion(),
        "a repeat changes nothing");
  }

  @Test
  void aCanaryLeftFromAnotherVersionIsReplacedAndReplicaRatioStartsWithoutPods() {
    ClusterFixtures.createDeployment(client, "checkout-canary", "2.4.0");
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    assertEquals(
        "2.4.0",
        deployment("checkout-canary")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .get("version"));
    DeployRequest v250 =
        new DeployRequest(
            "release-checkout",
            "checkout",
            "2.5.0",
            "ghcr.io/acme/checkout:2.5.0",
            "2.3.0",
            ClusterFixtures.region(TrafficRouterType.REPLICA_RATIO, Map.of()),
            null,
            null);
    deploy.deployNew(v250);
    Deployment canary = deployment("checkout-canary");
    assertEquals("2.5.0", canary.getSpec().getSelector().getMatchLabels().get("version"));
    assertEquals(0, canary.getSpec().getReplicas(), "the router gives it pods with traffic");
  }

  @Test
  void aStalledRolloutFailsNamingTheDeployment() {
    env.setActivityHeartbeatListener(
        String.class,
        progress -> {
          if (heartbeats.isEmpty()) {
            heartbeats.add(progress);
            Deployment d = deployment("checkout-canary");
            d.setStatus(
                new DeploymentStatusBuilder()
                    .withObservedGeneration(1L)
                    .withReplicas(3)
                    .withUpdatedReplicas(1)
                    .withConditions(
                        new DeploymentConditionBuilder()
                            .withType("Progressing")
                            .withStatus("False")
                            .withReason("ProgressDeadlineExceeded")
                            .withMessage(
                                "ReplicaSet \"checkout-canary-7f9c4\" has timed out progressing.")
                            .build())
                    .build());
            client.resource(d).updateStatus();
          }
        });
    ApplicationFailure stalled = failure(() -> deploy.deployNew(gateway));
    assertTrue(stalled.isNonRetryable());
    assertEquals("RolloutStalled", stalled.getType());
    assertTrue(
        stalled.getOriginalMessage().contains("has timed out progressing"),
        stalled.getOriginalMessage());
  }

  @Test
  void verifyWaitsForReadyPodsAndFailsACrashLoop() {
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    deploy.deployNew(gateway);
    deploy.verifyHealthy(gateway);

    controller.rollout(NS, "checkout-canary", 3, 2);
    ApplicationFailure notReady = failure(() -> deploy.verifyHealthy(gateway));
    assertFalse(notReady.isNonRetryable(), "two restarts: not ready yet, tried again");
    assertEquals("NotReady", notReady.getType());

    controller.rollout(NS, "checkout-canary", 3, 3);
    ApplicationFailure crash = failure(() -> deploy.verifyHealthy(gateway));
    assertTrue(crash.isNonRetryable());
    assertTrue(
        crash
            .getOriginalMessage()
            .matches(
                "pod shop/checkout-canary-7f9c4-0 of 2.4.0 is crash-looping: container app restarted 3 times .*"),
        crash.getOriginalMessage());
  }

  @Test
  void smokeChecksMustAnswer200() {
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    String url = smoke.url("/healthz").toString();
    DeployRequest withSmoke = request(TrafficRouterType.GATEWAY_API, List.of(url));
    deploy.deployNew(withSmoke);
    smoke.enqueue(new MockResponse.Builder().code(503).build());
    ApplicationFailure down = failure(() -> deploy.verifyHealthy(withSmoke));
    assertFalse(down.isNonRetryable());
    assertEquals("smoke check " + url + " answered HTTP 503, not 200", down.getOriginalMessage());
    smoke.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    deploy.verifyHealthy(withSmoke);
  }

  @Test
  void aSmokeCheckNamedBySecretIsResolvedByTheWorkerAndNeverEchoed() {
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    DeployRequest named =
        request(TrafficRouterType.GATEWAY_API, List.of("GLIDEPATH_TEST_UNSET_SMOKE_URL"));
    deploy.deployNew(named);
    ApplicationFailure missing = failure(() -> deploy.verifyHealthy(named));
    assertTrue(missing.isNonRetryable());
    assertTrue(
        missing.getOriginalMessage().contains("secret GLIDEPATH_TEST_UNSET_SMOKE_URL is not set"),
        missing.getOriginalMessage());
  }

  @Test
  void scaleDownAndRetireAreIdempotentAndToleratesAMissingCanary() {
    deploy.scaleDownNew(gateway);
    assertNull(deployment("checkout-canary"), "nothing to scale down, nothing created");
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    deploy.deployNew(gateway);
    deploy.scaleDownNew(gateway);
    deploy.scaleDownNew(gateway);
    assertEquals(0, deployment("checkout-canary").getSpec().getReplicas());
    deploy.retireStable(gateway);
    assertEquals(0, deployment("checkout").getSpec().getReplicas());
  }

  @Test
  void aRollingUpdateKeepsThePreviousTemplateAndUndoPutsItBack() {
    controllerFinishesOnFirstHeartbeat("checkout");
    DeployRequest rolling =
        new DeployRequest(
            "release-checkout",
            "checkout",
            "2.4.0",
            IMAGE,
            "2.3.0",
            ClusterFixtures.region(TrafficRouterType.NONE, Map.of()),
            "25%",
            "0");
    deploy.rollingUpdate(rolling);
    Deployment updated = deployment("checkout");
    assertEquals(
        IMAGE, updated.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(
        "2.4.0",
        updated.getSpec().getTemplate().getMetadata().getLabels().get("version"),
        "the version label follows the image, so per-version queries find the new pods");
    assertEquals(
        "25%", updated.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal());
    assertEquals(
        0, updated.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    assertTrue(
        updated.getMetadata().getAnnotations().containsKey(StableTemplate.PREVIOUS_TEMPLATE));

    heartbeats.clear();
    deploy.undoRollingUpdate(rolling);
    Deployment undone = deployment("checkout");
    assertEquals(
        "ghcr.io/acme/checkout:2.3.0",
        undone.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertFalse(
        undone.getMetadata().getAnnotations().containsKey(StableTemplate.PREVIOUS_TEMPLATE));
    String version = undone.getMetadata().getResourceVersion();
    deploy.undoRollingUpdate(rolling);
    assertEquals(
        version,
        deployment("checkout").getMetadata().getResourceVersion(),
        "a repeat changes nothing");
  }

  @Test
  void promotionGivesStableTheNewTemplateKeepingItsSelectorAndRestoreTakesItBack() {
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    deploy.deployNew(gateway);
    heartbeats.clear();
    controllerFinishesOnFirstHeartbeat("checkout");
    deploy.promote(gateway);

    Deployment stable = deployment("checkout");
    assertEquals(IMAGE, stable.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(
        Map.of("app", "checkout", "track", "stable", "version", "2.4.0"),
        stable.getSpec().getTemplate().getMetadata().getLabels(),
        "the new version's labels, with the ones the stable selector pins kept");
    assertEquals(
        Map.of("app", "checkout", "track", "stable"),
        stable.getSpec().getSelector().getMatchLabels());
    assertFalse(heartbeats.isEmpty(), "promotion waits for the stable rollout");
    String promoted = stable.getMetadata().getResourceVersion();
    deploy.promote(gateway);
    assertEquals(
        promoted,
        deployment("checkout").getMetadata().getResourceVersion(),
        "a repeat (a resumed promotion) keeps the recorded previous template");

    heartbeats.clear();
    deploy.restoreStable(gateway);
    Deployment restored = deployment("checkout");
    assertEquals(
        "ghcr.io/acme/checkout:2.3.0",
        restored.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(
        "2.3.0", restored.getSpec().getTemplate().getMetadata().getLabels().get("version"));
    String version = restored.getMetadata().getResourceVersion();
    deploy.restoreStable(gateway);
    assertEquals(
        version,
        deployment("checkout").getMetadata().getResourceVersion(),
        "restore is idempotent");
  }

  @Test
  void preflightRefusesAStableSelectorThatPinsTheVersion() {
    client.apps().deployments().inNamespace(NS).withName("checkout").delete();
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", "checkout")
                .addToMatchLabels("version", "2.3.0")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "checkout")
                .addToLabels("version", "2.3.0")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("ghcr.io/acme/checkout:2.3.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    ApplicationFailure pinned = failure(() -> deploy.preflight(gateway));
    assertTrue(pinned.isNonRetryable());
    assertTrue(
        pinned.getOriginalMessage().contains("selects its pods by version=2.3.0"),
        pinned.getOriginalMessage());
    assertEquals("StableSelectorPinsVersion", pinned.getType());
  }

  @Test
  void aConflictIsReadAgainAndApplied() {
    controllerFinishesOnFirstHeartbeat("checkout-canary");
    deploy.deployNew(gateway);
    server
        .expect()
        .put()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/checkout-canary/scale")
        .andReturn(
            409,
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withMessage(
                    "Operation cannot be fulfilled on deployments.apps \"checkout-canary\": the"
                        + " object has been modified")
                .build())
        .once();
    requests();
    deploy.scaleDownNew(gateway);
    assertEquals(0, deployment("checkout-canary").getSpec().getReplicas());
    List<String> sent = requests();
    assertEquals(
        2,
        sent.stream().filter(r -> r.startsWith("PUT")).count(),
        "the 409, then the change applied to the object read again: " + sent);
  }

  /** The requests the mock API server received since the last call. */
  private List<String> requests() {
    List<String> sent = new ArrayList<>();
    try {
      for (var r = server.takeRequest(10, TimeUnit.MILLISECONDS);
          r != null;
          r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
        sent.add(r.getMethod() + " " + r.getPath());
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return sent;
  }
}
