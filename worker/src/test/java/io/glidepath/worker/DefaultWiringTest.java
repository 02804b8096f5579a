package io.glidepath.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glidepath.notify.GrafanaAnnotator;
import io.glidepath.traffic.TrafficActivities;
import io.glidepath.traffic.cloudflare.CloudflareClient;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The worker's beans with {@code application.yml}'s defaults: no Cloudflare token, Grafana or
 * Pushgateway, so only the Kubernetes routers and the Slack, Teams and metrics sinks. No worker
 * polls ({@code glidepath.worker.enabled: false}), so no Temporal server is needed.
 */
class DefaultWiringTest {

  @Test
  void onlyTheAdaptersThatNeedNoConfiguration() {
    assumeTrue(System.getenv("CLOUDFLARE_API_TOKEN") == null, "CLOUDFLARE_API_TOKEN is set here");
    try (ApplicationContext context =
        ApplicationContext.run(Map.of("glidepath.worker.enabled", "false"))) {
      assertEquals(
          Set.of("flagd", "gateway-api", "nginx-canary", "replica-ratio", "service-selector"),
          WiringFixtures.routerTypes(context));
      assertFalse(context.containsBean(CloudflareClient.class));
      assertEquals(Set.of("slack", "teams", "metrics"), WiringFixtures.sinkNames(context));
      assertFalse(context.containsBean(GrafanaAnnotator.class));
      assertFalse(
          context.containsBean(slackEndpoint()),
          "no signing secret named: Slack's interactivity endpoint is off");
      assertFalse(context.containsBean(WorkerRegistrar.class));
      assertTrue(context.containsBean(TrafficActivities.class));
    }
  }

  @Test
  void aPushgatewayUrlAddsItsSink() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "glidepath.worker.enabled", "false",
                "glidepath.notifications.pushgateway-url", "http://pushgateway:9091",
                "glidepath.notifications.slack.enabled", "false"))) {
      assertEquals(Set.of("teams", "pushgateway", "metrics"), WiringFixtures.sinkNames(context));
    }
  }

  private static Class<?> slackEndpoint() {
    try {
      return Class.forName("io.glidepath.worker.slack.SlackActionsController");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
