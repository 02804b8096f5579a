package io.glidepath.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.kubernetes.KubeconfigClients;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.notify.PushgatewayPublisher;
import io.glidepath.notify.ReleaseEventSink;
import io.glidepath.notify.TeamsNotifier;
import io.glidepath.testing.Ports;
import io.glidepath.traffic.TrafficRouter;
import io.glidepath.traffic.cloudflare.CloudflareClient;
import io.glidepath.worker.dev.SandboxTarget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.testserver.TestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
    Map<String, String> properties = new HashMap<>(workerOn(port));
    properties.put("glidepath.prometheus.url", "http://prometheus.monitoring:9090");
    properties.put("glidepath.notifications.grafana-url", "http://grafana.monitoring:3000");
    properties.put("glidepath.notifications.teams.enabled", "false");
    return properties;
  }

  /**
   * A worker on a random HTTP port polling the Temporal server on {@code temporalPort}, with a
   * Cloudflare token file.
   */
  static Map<String, String> workerOn(int temporalPort) {
    try {
      Path token = Files.createTempFile("cloudflare-token", "");
      Files.writeString(token, "test-token\n");
      token.toFile().deleteOnExit();
      return Map.of(
          "micronaut.server.port", "-1",
          "glidepath.temporal.address", "localhost:" + temporalPort,
          "glidepath.temporal.namespace", "default",
          "glidepath.temporal.api-key", "",
          "glidepath.shutdown-grace", "1s",
          "glidepath.cloudflare.token-file", token.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
            "gateway-api",
            "nginx-canary",
            "replica-ratio",
            "service-selector",
            "cloudflare-origin-weight",
            "cloudflare-pool-weight",
            "cloudflare-dns"),
        routerTypes(context));
    assertTrue(context.containsBean(CloudflareClient.class));
  }

  @Test
  void theConfiguredSinksAndNoOthers() {
    assertEquals(Set.of("slack", "grafana", "metrics"), sinkNames(context));
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
    assertFalse(context.containsBean(SandboxTarget.class));
    assertEquals(
        java.time.Duration.ofSeconds(2),
        context.getBean(WorkerSettings.class).rolloutPollInterval());
  }

  @Test
  void theRegistrarPollsWithTheActivityBeans() {
    assertTrue(context.getBean(WorkerRegistrar.class).running());
  }

  static Set<String> routerTypes(ApplicationContext context) {
    return context.getBeansOfType(TrafficRouter.class).stream()
        .map(r -> r.type().id())
        .collect(Collectors.toSet());
  }

  static Set<String> sinkNames(ApplicationContext context) {
    return context.getBeansOfType(ReleaseEventSink.class).stream()
        .map(ReleaseEventSink::name)
        .collect(Collectors.toSet());
  }
}
