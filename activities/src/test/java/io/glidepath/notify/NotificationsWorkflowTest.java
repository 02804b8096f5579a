package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.testing.Harness;
import io.glidepath.testing.Histories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A release with real notification sinks: Slack answers 500 to everything, Grafana works. The
 * release still runs to its end, each card is tried a bounded number of times, failures are
 * counted, and no recorded history holds a webhook URL or token.
 */
class NotificationsWorkflowTest {
  static final String WEBHOOK_PATH = "/services/T0001/B0002/webhook-secret-part";
  static final String GRAFANA_TOKEN = "glsa_secret_token_value";

  @StartStop public final MockWebServer server = new MockWebServer();
  private Harness h;
  private final List<RecordedRequest> slack = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void failingNotificationsNeverStopAReleaseAndSecretsStayOutOfHistory() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            if (r.getTarget().startsWith("/services/")) {
              slack.add(r);
              return new MockResponse.Builder().code(500).body("rollup_error").build();
            }
            return new MockResponse.Builder()
                .body(r.getMethod().equals("GET") ? "[]" : "{\"id\":1}")
                .build();
          }
        });
    Secrets secrets =
        new Secrets(
            Map.of(
                "SLACK_INCIDENTS_WEBHOOK", server.url(WEBHOOK_PATH).toString(),
                "SLACK_DEPLOYMENTS_WEBHOOK", server.url(WEBHOOK_PATH).toString(),
                "GRAFANA_TOKEN", GRAFANA_TOKEN));
    LinkTemplates links = new LinkTemplates(null, null, null);
    NotificationActivitiesImpl notify =
        new NotificationActivitiesImpl(
            List.of(
                new SlackNotifier(secrets, links, Duration.ofSeconds(5)),
                new GrafanaAnnotator(
                    server.url("/").toString(), null, secrets, Duration.ofSeconds(5))));
    h = Harness.withActivities(notify);
    h.world.breach("us-east", 50, "error-rate", 0.05);

    ReleaseSpec spec =
        SpecParser.parse(
            """
            service: checkout
            version: 2.4.0
            image: ghcr.io/acme/checkout:2.4.0
            regions:
              - {name: us-east, cluster: prod-us, namespace: shop, deployment: {stable: checkout},
                 traffic: {type: gateway-api, route: checkout, stableBackend: checkout, canaryBackend: checkout-canary}}
            soak: 0s
            notifications:
              slack: {successes: SLACK_DEPLOYMENTS_WEBHOOK, incidents: SLACK_INCIDENTS_WEBHOOK}
              grafana: {token: GRAFANA_TOKEN}
            """,
            "notifications");
    ReleaseLauncher launcher = h.launcher;
    launcher.start(spec, "alice");
    ReleaseResult result = launcher.result("checkout");

    assertEquals(
        ReleasePhase.FAILED, result.phase(), "the release ran to its end: " + result.summary());
    assertEquals(0, h.world.weights.get("us-east"), "and its rollback still happened");
    assertTrue(notify.failures("slack") > 0);
    Map<String, Long> attempts =
        slack.stream()
            .collect(Collectors.groupingBy(r -> r.getBody().utf8(), Collectors.counting()));
    assertTrue(
        attempts.size() >= 3, "started, rollback and summary cards were tried: " + attempts.size());
    attempts
        .values()
        .forEach(n -> assertTrue(n <= 3, "each card is tried 3 times at most, was " + n));
    assertTrue(
        attempts.keySet().stream().anyMatch(b -> b.contains("Incident: rollback triggered")),
        "the incident card was among them");

    for (String id : List.of("release-checkout", "release-checkout-us-east")) {
      String history = Histories.decoded(h.client, id);
      assertFalse(history.contains("webhook-secret-part"), id + " history holds a webhook URL");
      assertFalse(history.contains(GRAFANA_TOKEN), id + " history holds the Grafana token");
      assertTrue(history.contains("SLACK_INCIDENTS_WEBHOOK"), "only the secret's name travels");
    }
  }
}
