package io.glidepath.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.glidepath.hooks.HookActivities;
import io.glidepath.hooks.HookActivitiesImpl;
import io.glidepath.hooks.HookRequest;
import io.glidepath.kubernetes.ClusterState;
import io.glidepath.kubernetes.LocalKubernetes;
import io.glidepath.kubernetes.SampleService;
import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.HookSpec;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import io.glidepath.notify.Secrets;
import io.glidepath.traffic.kubernetes.GatewayRouteRouter;
import io.glidepath.traffic.kubernetes.NginxCanaryRouter;
import io.glidepath.traffic.kubernetes.ReplicaRatioRouter;
import io.glidepath.traffic.kubernetes.ServiceSelectorRouter;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kubernetes activities against a real control plane ({@link LocalKubernetes}: kube-apiserver
 * with the RBAC authorizer, the real Deployment, ReplicaSet, Job and EndpointSlice controllers,
 * kwok nodes), as the worker's ServiceAccount with the Role that deploy/ ships. Each test has its
 * own namespace; each ends with the real objects in the expected state.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES) // a net for a hang: rollouts of real pods take a while
class KubernetesClusterIT {
  static final String CLUSTER = "local";
  static final String V1 = "2.3.0";
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final Map<String, String> STABLE = Map.of("app", "checkout", "track", "stable");
  static final Map<String, String> CANARY = Map.of("app", "checkout", "track", "canary");

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private LocalKubernetes cluster;
  private LocalKubernetes.Tenant tenant;
  private ClusterState state;
  private DeploymentActivities deploy;
  private HookActivities hooks;

  /** A namespace seeded with checkout 2.3.0 (rolled out), and the worker's activities on it. */
  private void release(java.util.function.Consumer<io.fabric8.kubernetes.api.model.rbac.Role> role)
      throws Exception {
    cluster = LocalKubernetes.shared();
    String ns = "shop-" + NAMESPACES.incrementAndGet();
    tenant = cluster.tenant(ns, CLUSTER, role);
    state = new ClusterState(cluster, ns);
    SampleService.seed(cluster.admin(), ns, "checkout", V1);
    state.awaitRollout("checkout");
    env.registerActivitiesImplementations(
        new DeploymentActivitiesImpl(c -> tenant.worker(), Duration.ofMillis(250)),
        new HookActivitiesImpl(
            c -> tenant.worker(), Secrets.fromEnvironment(), Duration.ofMillis(250)));
    ActivityOptions options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(3))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    deploy = env.newActivityStub(DeploymentActivities.class, options);
    hooks = env.newActivityStub(HookActivities.class, options);
  }

  private void release() throws Exception {
    release(role -> {});
  }

  @AfterEach
  void close() {
    env.close();
    if (tenant != null) {
      tenant.close();
    }
  }

  private RegionSpec region(TrafficRouterType type, Map<String, String> settings) {
    return new RegionSpec(
        "eu-west",
        CLUSTER,
        state.ns(),
        new DeploymentTarget("checkout", "checkout-canary", "app"),
        new TrafficTarget(type, settings),
        List.of());
  }

  private RegionSpec gateway() {
    return region(
        TrafficRouterType.GATEWAY_API,
        Map.of(
            "route", "checkout", "stableBackend", "checkout", "canaryBackend", "checkout-canary"));
  }

  private static DeployRequest request(RegionSpec region, String version, String from) {
    return new DeployRequest(
        "release-checkout-" + version,
        "checkout",
        version,
        image(version),
        from,
        region,
        null,
        null);
  }

  private static String image(String version) {
    return "ghcr.io/acme/checkout:" + version;
  }

  private String stableImage() {
    return state
        .deployment("checkout")
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  @Test
  void canaryThroughGatewayWeightsThenPromotionRollsStableOut() throws Exception {
    release();
    DeployRequest r = request(gateway(), "2.4.0", V1);
    var router = new GatewayRouteRouter(c -> tenant.worker());

    assertEquals(new PreflightReport("eu-west", V1, 3, 3, image(V1)), deploy.preflight(r));
    deploy.deployNew(r);
    state.awaitPods(CANARY, Map.of("2.4.0", 3L));
    deploy.verifyHealthy(r);

    assertEquals(10, router.setWeight(r.region(), 10));
    assertEquals(
        List.of(Map.of("checkout", 90, "checkout-canary", 10), Map.of("checkout-admin", 1)),
        state.routeWeights("checkout"),
        "the weighted rule moves, the /admin rule stays");
    assertEquals(50, router.setWeight(r.region(), 50));
    assertEquals(
        Map.of("checkout", 50, "checkout-canary", 50), state.routeWeights("checkout").get(0));

    deploy.promote(r);
    assertEquals(image("2.4.0"), stableImage());
    assertEquals(
        STABLE,
        state.deployment("checkout").getSpec().getSelector().getMatchLabels(),
        "the selector is immutable and kept");
    state.awaitReplicaSets("checkout", Map.of(image(V1), "0/0", image("2.4.0"), "3/3"));
    state.awaitPods(STABLE, Map.of("2.4.0", 3L));

    assertEquals(0, router.setWeight(r.region(), 0));
    deploy.scaleDownNew(r);
    assertEquals(0, state.deployment("checkout-canary").getSpec().getReplicas());
    state.awaitPods(CANARY, Map.of());
    assertEquals(
        List.of(Map.of("checkout", 100, "checkout-canary", 0), Map.of("checkout-admin", 1)),
        state.routeWeights("checkout"));
  }

  @Test
  void blueGreenSwitchesTheServiceSelectorAndItsEndpoints() throws Exception {
    release();
    RegionSpec region =
        region(
            TrafficRouterType.SERVICE_SELECTOR,
            Map.of("service", "checkout", "selectorLabel", "track"));
    DeployRequest r = request(region, "2.4.0", V1);
    var router = new ServiceSelectorRouter(c -> tenant.worker());
    deploy.deployNew(r);
    state.awaitPods(CANARY, Map.of("2.4.0", 3L));

    assertEquals(100, router.setWeight(region, 100));
    assertEquals(
        Map.of("app", "checkout", "track", "canary"),
        cluster
            .admin()
            .services()
            .inNamespace(state.ns())
            .withName("checkout")
            .get()
            .getSpec()
            .getSelector());
    awaitEndpoints(CANARY);

    assertEquals(0, router.setWeight(region, 0));
    awaitEndpoints(STABLE);
  }

  /** Waits until the Service's EndpointSlices hold exactly the ready pods {@code labels} select. */
  private void awaitEndpoints(Map<String, String> labels) {
    cluster.await(
        "the endpoints of Service checkout to be the pods of " + labels,
        () -> {
          var want =
              state.pods(labels).stream().map(p -> p.getMetadata().getName()).sorted().toList();
          var have =
              cluster
                  .admin()
                  .discovery()
                  .v1()
                  .endpointSlices()
                  .inNamespace(state.ns())
                  .withLabel("kubernetes.io/service-name", "checkout")
                  .list()
                  .getItems()
                  .stream()
                  .map(EndpointSlice::getEndpoints)
                  .flatMap(List::stream)
                  .map(e -> e.getTargetRef().getName())
                  .sorted()
                  .toList();
          return want.size() == 3 && want.equals(have);
        });
  }

  @Test
  void aRollingUpdateRollsStableAndItsUndoReusesTheOldReplicaSet() throws Exception {
    release();
    DeployRequest r =
        new DeployRequest(
            "release-checkout-2.4.0",
            "checkout",
            "2.4.0",
            image("2.4.0"),
            V1,
            region(TrafficRouterType.NONE, Map.of()),
            "1",
            "0");
    deploy.rollingUpdate(r);
    var strategy = state.deployment("checkout").getSpec().getStrategy().getRollingUpdate();
    assertEquals(1, strategy.getMaxSurge().getIntVal());
    assertEquals(0, strategy.getMaxUnavailable().getIntVal());
    state.awaitReplicaSets("checkout", Map.of(image(V1), "0/0", image("2.4.0"), "3/3"));
    state.awaitPods(STABLE, Map.of("2.4.0", 3L));

    deploy.undoRollingUpdate(r);
    assertEquals(image(V1), stableImage());
    state.awaitReplicaSets("checkout", Map.of(image(V1), "3/3", image("2.4.0"), "0/0"));
    state.awaitPods(STABLE, Map.of(V1, 3L));
  }

  @Test
  void aHookRunsAsAJobToCompletion() throws Exception {
    release();
    HookRequest h =
        new HookRequest(
            "release-checkout-2.4.0",
            "checkout",
            "2.4.0",
            gateway(),
            "migrate",
            false,
            new HookSpec.Action(
                new HookSpec.Job(
                    "ghcr.io/acme/migrate:2.4.0", List.of("up"), Duration.ofMinutes(2)),
                null),
            "checkout-migrate-1");
    assertEquals("job ghcr.io/acme/migrate:2.4.0 up succeeded as checkout-migrate-1", hooks.run(h));
    var job =
        cluster
            .admin()
            .batch()
            .v1()
            .jobs()
            .inNamespace(state.ns())
            .withName("checkout-migrate-1")
            .get();
    assertEquals(1, job.getStatus().getSucceeded());
    assertTrue(
        job.getStatus().getConditions().stream()
            .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())));
    assertEquals(
        "job ghcr.io/acme/migrate:2.4.0 up succeeded as checkout-migrate-1",
        hooks.run(h),
        "a repeat finds the Job and creates no second one");
    assertEquals(
        1, cluster.admin().batch().v1().jobs().inNamespace(state.ns()).list().getItems().size());
  }

  @Test
  void anAbortDuringTheCanaryLeavesStableUntouched() throws Exception {
    release();
    DeployRequest r = request(gateway(), "2.4.0", V1);
    var router = new GatewayRouteRouter(c -> tenant.worker());
    deploy.deployNew(r);
    router.setWeight(r.region(), 10);
    String before = state.deployment("checkout").getMetadata().getResourceVersion();

    router.setWeight(r.region(), 0);
    deploy.restoreStable(r);
    deploy.scaleDownNew(r);
    assertEquals(
        before,
        state.deployment("checkout").getMetadata().getResourceVersion(),
        "stable was never promoted, so nothing is restored");
    assertEquals(Map.of(image(V1), "3/3"), state.replicaSets("checkout"));
    state.awaitPods(CANARY, Map.of());
    state.awaitPods(STABLE, Map.of(V1, 3L));
    assertEquals(
        Map.of("checkout", 100, "checkout-canary", 0), state.routeWeights("checkout").get(0));
  }

  @Test
  void anAbortAfterPromotionRestoresStableAndItsTraffic() throws Exception {
    release();
    DeployRequest r = request(gateway(), "2.4.0", V1);
    var router = new GatewayRouteRouter(c -> tenant.worker());
    deploy.deployNew(r);
    router.setWeight(r.region(), 50);
    deploy.promote(r);
    state.awaitReplicaSets("checkout", Map.of(image(V1), "0/0", image("2.4.0"), "3/3"));

    router.setWeight(r.region(), 0);
    deploy.restoreStable(r);
    deploy.scaleDownNew(r);
    assertEquals(image(V1), stableImage());
    state.awaitReplicaSets("checkout", Map.of(image(V1), "3/3", image("2.4.0"), "0/0"));
    state.awaitPods(STABLE, Map.of(V1, 3L));
    state.awaitPods(CANARY, Map.of());
    assertEquals(
        Map.of("checkout", 100, "checkout-canary", 0), state.routeWeights("checkout").get(0));
  }

  @Test
  void aReleaseAfterAReleaseReplacesTheCanaryAndRollsStableAgain() throws Exception {
    release();
    for (String[] step : new String[][] {{"2.4.0", V1}, {"2.5.0", "2.4.0"}}) {
      DeployRequest r = request(gateway(), step[0], step[1]);
      deploy.deployNew(r);
      state.awaitPods(CANARY, Map.of(step[0], 3L));
      deploy.promote(r);
      deploy.scaleDownNew(r);
      state.awaitPods(STABLE, Map.of(step[0], 3L));
    }
    state.awaitReplicaSets(
        "checkout", Map.of(image(V1), "0/0", image("2.4.0"), "0/0", image("2.5.0"), "3/3"));
    assertEquals(
        "2.5.0",
        state.deployment("checkout-canary").getSpec().getSelector().getMatchLabels().get("version"),
        "the 2.4.0 canary (its selector pins its version) was replaced");
    state.awaitPods(CANARY, Map.of());
  }

  @Test
  void replicaRatioSplitsRealPodsAndNginxCanaryWeighsTheCanaryIngress() throws Exception {
    release();
    RegionSpec ratio = region(TrafficRouterType.REPLICA_RATIO, Map.of("totalReplicas", "4"));
    DeployRequest r = request(ratio, "2.4.0", V1);
    deploy.deployNew(r);
    assertEquals(0, state.deployment("checkout-canary").getSpec().getReplicas());
    assertEquals(50, new ReplicaRatioRouter(c -> tenant.worker()).setWeight(ratio, 50));
    state.awaitPods(CANARY, Map.of("2.4.0", 2L));
    state.awaitPods(STABLE, Map.of(V1, 2L));

    cluster
        .admin()
        .network()
        .v1()
        .ingresses()
        .inNamespace(state.ns())
        .resource(
            new IngressBuilder()
                .withNewMetadata()
                .withName("checkout-canary")
                .addToAnnotations("nginx.ingress.kubernetes.io/canary", "true")
                .endMetadata()
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
                .withName("checkout-canary")
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
    RegionSpec nginx =
        region(TrafficRouterType.NGINX_CANARY, Map.of("canaryIngress", "checkout-canary"));
    assertEquals(30, new NginxCanaryRouter(c -> tenant.worker()).setWeight(nginx, 30));
    assertEquals(
        "30",
        cluster
            .admin()
            .network()
            .v1()
            .ingresses()
            .inNamespace(state.ns())
            .withName("checkout-canary")
            .get()
            .getMetadata()
            .getAnnotations()
            .get("nginx.ingress.kubernetes.io/canary-weight"));
  }

  @Test
  void aVerbMissingFromTheRoleFailsNamingTheObject() throws Exception {
    release(
        role -> {
          for (PolicyRule rule : role.getRules()) {
            if (rule.getResources().contains("httproutes")) {
              rule.setVerbs(List.of("get"));
            }
          }
        });
    forbiddenNs = state.ns();
    var router = new GatewayRouteRouter(c -> tenant.worker());
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> router.setWeight(gateway(), 10));
    assertEquals("Forbidden", f.getType());
    assertTrue(
        f.getOriginalMessage()
            .startsWith(
                "the worker may not change HTTPRoute "
                    + state.ns()
                    + "/checkout in cluster local (HTTP 403)"),
        f.getOriginalMessage());
    assertEquals(
        Map.of("checkout", 100, "checkout-canary", 0), state.routeWeights("checkout").get(0));
  }

  /**
   * Least privilege both ways, from the API server's audit log of every test above: no request of
   * the worker was forbidden (but the one the test with a verb removed provokes), and the rules of
   * the shipped Role that no request used are reported (target/kubernetes-rbac-report.txt).
   */
  @AfterAll
  static void everyRequestWasAllowedAndTheUnusedVerbsAreReported() throws Exception {
    if (NAMESPACES.get() == 0) {
      return; // skipped: no control plane
    }
    LocalKubernetes k = LocalKubernetes.shared();
    List<LocalKubernetes.AuditEntry> requests =
        k.workerRequests().stream().filter(e -> !e.namespace().equals(forbiddenNs)).toList();
    assertEquals(
        List.of(),
        requests.stream().filter(LocalKubernetes.AuditEntry::forbidden).toList(),
        "requests of the worker that the shipped Role forbids");
    java.util.Set<String> used = new java.util.TreeSet<>();
    for (var e : requests) {
      used.add(e.apiGroup() + " " + e.resource() + " " + e.verb());
    }
    java.util.Set<String> granted = new java.util.TreeSet<>();
    for (var item : LocalKubernetes.shippedRbac()) {
      if (item instanceof io.fabric8.kubernetes.api.model.rbac.Role role) {
        for (PolicyRule rule : role.getRules()) {
          for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
              for (String verb : rule.getVerbs()) {
                granted.add(group + " " + resource + " " + verb);
              }
            }
          }
        }
      }
    }
    java.util.Set<String> unused = new java.util.TreeSet<>(granted);
    unused.removeAll(used);
    String report =
        "Requests of the worker's ServiceAccount in these tests (apiGroup resource verb):\n  "
            + String.join("\n  ", used)
            + "\nGranted by deploy/kubernetes/glidepath-worker.yaml but not used here:\n  "
            + String.join("\n  ", unused)
            + "\n";
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target/kubernetes-rbac-report.txt"), report);
    System.out.println(report);
  }

  static String forbiddenNs;
}
