package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.model.FailWhen;
import io.glidepath.model.MetricUnit;
import io.glidepath.model.NotificationSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  static final NotificationSpec TARGETS =
      new NotificationSpec("SLACK_DEPLOYMENTS_WEBHOOK", "SLACK_INCIDENTS_WEBHOOK", null, null);
  static final LinkTemplates LINKS =
      new LinkTemplates(
          "https://grafana.example.com/d/rel?var-service={service}&var-region={region}",
          null,
          "https://temporal.example.com/namespaces/prod/workflows/{workflowId}");

  private SlackNotifier slack() {
    return new SlackNotifier(
        new Secrets(
            Map.of(
                "SLACK_INCIDENTS_WEBHOOK", server.url("/services/T000/B000/incidents").toString(),
                "SLACK_DEPLOYMENTS_WEBHOOK",
                    server.url("/services/T000/B111/deployments").toString())),
        LINKS,
        Duration.ofSeconds(5));
  }

  static ReleaseEvent event(EventType type, String message) {
    return event(type, message, TARGETS);
  }

  /** A stage-2 event in eu-west at 25% with one failing and one passing value. */
  static ReleaseEvent event(EventType type, String message, NotificationSpec targets) {
    return new ReleaseEvent(
        type,
        "release-checkout-eu-west",
        "checkout",
        "2.4.0",
        "eu-west",
        2,
        25,
        message,
        List.of(
            new QueryVerdict(
                "error-rate",
                Verdict.PASS,
                0.004,
                0.008,
                FailWhen.ABOVE,
                MetricUnit.RATIO,
                "q1",
                null),
            new QueryVerdict(
                "p95-latency",
                Verdict.FAIL,
                0.52,
                0.45,
                FailWhen.ABOVE,
                MetricUnit.SECONDS,
                "q2",
                null)),
        targets,
        1_795_330_000_000L);
  }

  private void ok() {
    server.enqueue(new MockResponse.Builder().body("ok").build());
  }

  @Test
  void theIncidentCardCarriesTheSeedsFieldsAndLinks() throws Exception {
    ok();
    assertTrue(
        slack().send(event(EventType.ROLLBACK_TRIGGERED, "rollback triggered at stage 2 (25%)")));
    RecordedRequest r = server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals(
        "/services/T000/B000/incidents", r.getTarget(), "incidents go to the incidents webhook");
    JsonNode expected =
        SlackNotifier.JSON.readTree(
            """
            {"text":"Incident: rollback triggered for checkout 2.4.0 in eu-west","blocks":[
             {"type":"header","text":{"type":"plain_text","text":":rotating_light: Incident: rollback triggered","emoji":true}},
             {"type":"section","text":{"type":"mrkdwn","text":"checkout 2.4.0 was rolled back automatically in eu-west."},
              "fields":[{"type":"mrkdwn","text":"*Region:*\\neu-west"},
                        {"type":"mrkdwn","text":"*Stage:*\\nCanary at 25% (stage 2)"},
                        {"type":"mrkdwn","text":"*Impact:*\\nRollback triggered, traffic back on stable"},
                        {"type":"mrkdwn","text":"*Cause:*\\np95-latency 520 ms > 450 ms"},
                        {"type":"mrkdwn","text":"*Resolution:*\\nAll traffic on the stable version; the new version is scaled down"},
                        {"type":"mrkdwn","text":"*Status:*\\n:warning: Rolled back, investigation needed"}]},
             {"type":"context","elements":[{"type":"mrkdwn","text":"Correlation id `release-checkout-eu-west`"}]},
             {"type":"actions","block_id":"glidepath-decisions","elements":[
               {"type":"button","action_id":"glidepath-abort","value":"{\\"w\\":\\"release-checkout-eu-west\\"}",
                "text":{"type":"plain_text","text":"Abort the release"},"style":"danger",
                "confirm":{"title":{"type":"plain_text","text":"Abort the release?"},
                           "text":{"type":"plain_text","text":"Every region that moved traffic goes back to stable."},
                           "confirm":{"type":"plain_text","text":"Abort the release"},
                           "deny":{"type":"plain_text","text":"Cancel"}}}]},
             {"type":"actions","elements":[
               {"type":"button","action_id":"dashboard","text":{"type":"plain_text","text":"Dashboard"},
                "url":"https://grafana.example.com/d/rel?var-service=checkout&var-region=eu-west"},
               {"type":"button","action_id":"workflow","text":{"type":"plain_text","text":"Workflow"},
                "url":"https://temporal.example.com/namespaces/prod/workflows/release-checkout-eu-west"}]}]}""");
    assertEquals(expected, SlackNotifier.JSON.readTree(r.getBody().utf8()));
  }

  @Test
  void successesGoToTheirOwnWebhookAndChattyEventsNowhere() throws Exception {
    ok();
    assertTrue(slack().send(event(EventType.REGION_COMPLETED, "eu-west serves 2.4.0 at 100%")));
    RecordedRequest r = server.takeRequest();
    assertEquals("/services/T000/B111/deployments", r.getTarget());
    JsonNode body = SlackNotifier.JSON.readTree(r.getBody().utf8());
    assertEquals(
        ":white_check_mark: *checkout 2.4.0* in *eu-west*: eu-west serves 2.4.0 at 100%",
        body.path("blocks").get(0).path("text").path("text").asText());

    assertFalse(slack().send(event(EventType.STAGE_PASSED, "stage 2 passed")));
    assertEquals(1, server.getRequestCount(), "stage passes are not posted");
  }

  @Test
  void cardsStayWithinBlockKitLimits() throws Exception {
    ok();
    String huge = "x".repeat(5_000);
    ReleaseEvent e = event(EventType.ROLLBACK_TRIGGERED, huge);
    ReleaseEvent longCause =
        new ReleaseEvent(
            e.type(),
            e.correlationId(),
            e.service(),
            e.version(),
            e.region(),
            2,
            25,
            huge,
            List.of(),
            TARGETS,
            0);
    slack().send(longCause);
    JsonNode card = SlackNotifier.JSON.readTree(server.takeRequest().getBody().utf8());
    assertTrue(card.path("blocks").size() <= 50);
    assertTrue(card.path("blocks").get(0).path("text").path("text").asText().length() <= 150);
    JsonNode fields = card.path("blocks").get(1).path("fields");
    assertTrue(fields.size() <= 10);
    fields.forEach(
        f -> assertTrue(f.path("text").asText().length() <= 2000, "field within 2000 chars"));
  }

  @Test
  void failuresAreCountedClassifiedAndNeverShowTheWebhook() {
    server.enqueue(new MockResponse.Builder().code(500).body("rollup_error").build());
    server.enqueue(new MockResponse.Builder().code(404).body("channel_not_found").build());
    NotificationActivitiesImpl notify = new NotificationActivitiesImpl(List.of(slack()));

    ApplicationFailure transientFailure =
        assertThrows(
            ApplicationFailure.class,
            () -> notify.publish(event(EventType.ROLLBACK_TRIGGERED, "m")));
    assertFalse(transientFailure.isNonRetryable(), "a 5xx is retried, within the workflow's bound");
    ApplicationFailure rejected =
        assertThrows(
            ApplicationFailure.class,
            () -> notify.publish(event(EventType.ROLLBACK_TRIGGERED, "m")));
    assertTrue(rejected.isNonRetryable());
    assertEquals(
        "Slack webhook SLACK_INCIDENTS_WEBHOOK answered HTTP 404: channel_not_found",
        rejected.getOriginalMessage());
    assertFalse(rejected.getOriginalMessage().contains("/services/"), "the URL is the secret");
    assertEquals(2, notify.failures("slack"));
  }

  @Test
  void aMissingSecretNamesTheSecretOnly() {
    SlackNotifier unset = new SlackNotifier(new Secrets(Map.of()), LINKS, Duration.ofSeconds(1));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> unset.send(event(EventType.ROLLBACK_TRIGGERED, "m")));
    assertEquals(
        "secret SLACK_INCIDENTS_WEBHOOK is not set on this worker: set the environment variable SLACK_INCIDENTS_WEBHOOK",
        e.getMessage());
  }

  static ReleaseEvent gateEvent(EventType type) {
    return new ReleaseEvent(
        type,
        "release-checkout-eu-west",
        "checkout",
        "2.4.0",
        "eu-west",
        2,
        25,
        "approval needed for gate stage:eu-west:2 (24h to decide)",
        List.of(),
        TARGETS,
        1_800_000_000_000L,
        "canary",
        null,
        "stage:eu-west:2");
  }

  private static JsonNode decisions(JsonNode card) {
    for (JsonNode b : card.path("blocks")) {
      if (SlackNotifier.DECISIONS_BLOCK.equals(b.path("block_id").asText())) {
        return b.path("elements");
      }
    }
    return null;
  }

  @Test
  void aGatesCardCarriesApproveAndRejectNamingTheWorkflowRunAndGateAndNoSecret() {
    JsonNode card = slack().notice(gateEvent(EventType.APPROVAL_NEEDED), "run-7");
    JsonNode buttons = decisions(card);
    assertEquals(2, buttons.size(), card.toString());
    assertEquals("glidepath-approve", buttons.get(0).path("action_id").asText());
    assertEquals("primary", buttons.get(0).path("style").asText());
    assertEquals("glidepath-reject", buttons.get(1).path("action_id").asText());
    assertTrue(buttons.get(1).has("confirm"), "rejecting asks first");
    var approve =
        CardAction.parse(
                buttons.get(0).path("action_id").asText(), buttons.get(0).path("value").asText())
            .orElseThrow();
    assertEquals(
        new CardAction(
            CardAction.Kind.APPROVE, "release-checkout-eu-west", "run-7", "stage:eu-west:2"),
        approve);
    assertFalse(card.toString().contains("/services/"), "no webhook URL in the card");
    assertFalse(buttons.get(0).has("url"), "a decision is a click, not a link");
  }

  @Test
  void anIncidentCardCarriesAbortAndOtherNoticesNoDecision() {
    JsonNode incident =
        slack().incidentCard(event(EventType.ROLLBACK_TRIGGERED, "rolled back"), "run-7");
    JsonNode buttons = decisions(incident);
    assertEquals(1, buttons.size());
    assertEquals("glidepath-abort", buttons.get(0).path("action_id").asText());
    assertEquals(
        null, decisions(slack().notice(event(EventType.APPROVAL_NEEDED, "no gate named"), "r")));
    assertEquals(null, decisions(slack().notice(event(EventType.REGION_COMPLETED, "done"), "r")));
  }

  @Test
  void aButtonValueThatIsNotGlidepathsIsIgnored() {
    assertTrue(CardAction.parse("grafana", "{\"w\":\"release-x\"}").isEmpty());
    assertTrue(CardAction.parse("glidepath-approve", "{\"w\":\"release-x\"}").isEmpty());
    assertTrue(CardAction.parse("glidepath-nuke", "{\"w\":\"release-x\"}").isEmpty());
    assertTrue(CardAction.parse("glidepath-approve", "not json").isEmpty());
    assertTrue(
        CardAction.parse("glidepath-abort", "{\"w\":\"release-x\",\"r\":\"1\"}").isPresent());
  }
}
