package io.glidepath.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.kubernetes.KubeconfigClients;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.notify.PushgatewayPublisher;
import io.glidepath.notify.TeamsNotifier;
import io.glidepath.testing.Ports;
import io.glidepath.traffic.cloudflare.CloudflareClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.testserver.TestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker's beans for a production configuration: a Cloudflare token file, a Grafana URL, Teams
 * turned off and no Pushgateway. The worker polls a real (in-process, port-bound) Temporal server,
 * so the registrar takes and registers every activity bean.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionWiringTest implements TestPropertyProvider {
  private TestServer.PortBoundTestServer temporal;

  @Inject ApplicationContext context;

  @Override
  public Map<String, String> getProperties() {
    var bound = Ports.bound(TestServer::createPortBoundServer);
    temporal = bound.server();
    int port = bound.port();
    Map<String, String> properties = new HashMap<>(WiringFixtures.workerOn(port));
    properties.put("glidepath.prometheus.url", "http://prometheus.monitoring:9090");
    properties.put("glidepath.notifications.grafana-url", "http://grafana.monitoring:3000");
    properties.put("glidepath.notifications.teams.enabled", "false");
    return properties;
  }

  @AfterAll
  void stopTemporal() throws IOException {
    context.close();
    temporal.close();
  }

  @Test
  void everyRouterOfTheConfiguredProvidersIsThere() {
    assertEquals(
        Set.of(
            "flagd",
            "gateway-api",
            "nginx-canary",
            "replica-ratio",
            "service-selector",
            "cloudflare-origin-weight",
            "cloudflare-pool-weight",
            "cloudflare-dns"),
        WiringFixtures.routerTypes(context));
    assertTrue(context.containsBean(CloudflareClient.class));
  }

  @Test
  void theConfiguredSinksAndNoOthers() {
    assertEquals(Set.of("slack", "grafana", "metrics"), WiringFixtures.sinkNames(context));
    assertFalse(context.containsBean(TeamsNotifier.class), "teams.enabled is false");
    assertFalse(context.containsBean(PushgatewayPublisher.class), "no pushgateway-url");
    MeterRegistry registry = context.getBean(MeterRegistry.class);
    for (String sink : List.of("slack", "grafana", "metrics")) {
      assertEquals(
          0,
          registry
              .get("glidepath.notification.failures")
              .tag("sink", sink)
              .functionCounter()
              .count(),
          sink);
    }
  }

  @Test
  void theClustersComeFromTheKubeconfigAndNothingOfTheSandboxIsThere() {
    assertInstanceOf(KubeconfigClients.class, context.getBean(KubernetesClients.class));
    assertFalse(
        context.getEnvironment().getActiveNames().contains(WorkerSettings.SANDBOX_ENVIRONMENT));
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("io.glidepath.devstack.SandboxTarget"),
        "the dev stack is not on the production worker's class path");
    assertEquals(
        java.time.Duration.ofSeconds(2),
        context.getBean(WorkerSettings.class).rolloutPollInterval());
  }

  @Test
  void theRegistrarPollsWithTheActivityBeans() {
    assertTrue(context.getBean(WorkerRegistrar.class).running());
  }
}
