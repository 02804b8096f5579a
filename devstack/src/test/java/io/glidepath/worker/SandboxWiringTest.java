package io.glidepath.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.devstack.FaultProfile;
import io.glidepath.devstack.Sandbox;
import io.glidepath.devstack.SandboxAdapters;
import io.glidepath.devstack.SandboxTarget;
import io.glidepath.kubernetes.KubeconfigClients;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import io.glidepath.testing.Ports;
import io.glidepath.traffic.TrafficActivities;
import io.glidepath.traffic.TrafficChange;
import io.glidepath.traffic.cloudflare.CloudflareClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testserver.TestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker's beans in the {@code sandbox} environment, against a sandbox started in this process:
 * the real Kubernetes adapters aimed at its clusters, its metrics, cards on the console, and none
 * of the production adapters, even with a Cloudflare token configured.
 */
@MicronautTest(environments = SandboxAdapters.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxWiringTest implements TestPropertyProvider {
  private TestServer.PortBoundTestServer temporal;
  private Sandbox sandbox;

  @Inject ApplicationContext context;

  @Override
  public Map<String, String> getProperties() {
    var bound = Ports.bound(TestServer::createPortBoundServer);
    temporal = bound.server();
    int port = bound.port();
    try {
      sandbox =
          Sandbox.start(0, FaultProfile.HEALTHY, new PrintStream(OutputStream.nullOutputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> properties = new HashMap<>(WiringFixtures.workerOn(port));
    properties.put("glidepath.sandbox-url", sandbox.url());
    return properties;
  }

  @AfterAll
  void stopSandbox() throws Exception {
    context.close();
    sandbox.close();
    temporal.close();
  }

  @Test
  void theKubernetesRoutersOnlyAndTheConsoleCards() {
    assertEquals(
        Set.of("flagd", "gateway-api", "nginx-canary", "replica-ratio", "service-selector"),
        WiringFixtures.routerTypes(context));
    assertFalse(context.containsBean(CloudflareClient.class), "no Cloudflare in the sandbox");
    assertEquals(Set.of("console", "metrics"), WiringFixtures.sinkNames(context));
  }

  @Test
  void theAdaptersAimAtTheSandbox() {
    assertEquals(sandbox.target(), context.getBean(SandboxTarget.class));
    KubernetesClients clusters = context.getBean(KubernetesClients.class);
    assertFalse(clusters instanceof KubeconfigClients);
    ApplicationFailure unknown =
        assertThrows(ApplicationFailure.class, () -> clusters.forCluster("prod-eu"));
    assertTrue(
        unknown.getOriginalMessage().contains("us-east, eu-west, apac-se"),
        unknown.getOriginalMessage());
    assertEquals(
        Duration.ofMillis(250), context.getBean(WorkerSettings.class).rolloutPollInterval());
  }

  @Test
  void theTrafficActivitiesMoveTheSandboxesRoute() throws IOException {
    RegionSpec euWest =
        demoSpec().regions().stream().filter(r -> r.name().equals("eu-west")).findFirst().get();
    var state =
        context
            .getBean(TrafficActivities.class)
            .setWeight(new TrafficChange("wiring-test", "checkout", "2.4.0", euWest, 25));
    assertEquals(25, state.weight());
    assertEquals(
        Map.of("checkout", 75, "checkout-canary", 25),
        sandbox.routes().get("eu-west").get("checkout"));
    assertEquals(
        Map.of("checkout", 100, "checkout-canary", 0),
        sandbox.routes().get("us-east").get("checkout"));
  }

  @Test
  void theRegistrarPolls() {
    assertTrue(context.getBean(WorkerRegistrar.class).running());
  }

  private static ReleaseSpec demoSpec() throws IOException {
    try (InputStream in = SandboxWiringTest.class.getResourceAsStream("/demo-release.yaml")) {
      return SpecParser.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "demo-release.yaml",
          SpecValidator.Limits.SANDBOX);
    }
  }
}
