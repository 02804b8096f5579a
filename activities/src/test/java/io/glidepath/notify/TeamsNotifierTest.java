package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class TeamsNotifierTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private TeamsNotifier teams() {
    return new TeamsNotifier(
        new Secrets(
            Map.of(
                "TEAMS_WORKFLOW_URL",
                server.url("/workflows/abc/triggers/manual/run?sig=s3cret").toString())),
        SlackNotifierTest.LINKS,
        Duration.ofSeconds(5));
  }

  private static ReleaseEvent event(EventType type, String message) {
    return SlackNotifierTest.event(
        type, message, new NotificationSpec(null, null, "TEAMS_WORKFLOW_URL", null));
  }

  @Test
  void theIncidentIsAnAdaptiveCardInTheWorkflowsEnvelope() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    assertTrue(teams().send(event(EventType.ROLLBACK_TRIGGERED, "rollback")));
    RecordedRequest r = server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals("/workflows/abc/triggers/manual/run?sig=s3cret", r.getTarget());
    assertEquals(
        Webhooks.JSON.readTree(
            """
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
             "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
              "body":[
               {"type":"TextBlock","text":"Incident: rollback triggered","size":"Large","weight":"Bolder","color":"Attention","wrap":true},
               {"type":"TextBlock","text":"checkout 2.4.0 was rolled back automatically in eu-west.","wrap":true},
               {"type":"FactSet","facts":[
                 {"title":"Region","value":"eu-west"},
                 {"title":"Stage","value":"Canary at 25% (stage 2)"},
                 {"title":"Impact","value":"Rollback triggered, traffic back on stable"},
                 {"title":"Cause","value":"p95-latency 520 ms > 450 ms"},
                 {"title":"Resolution","value":"All traffic on the stable version; the new version is scaled down"},
                 {"title":"Status","value":"Rolled back, investigation needed"}]},
               {"type":"TextBlock","text":"Correlation id release-checkout-eu-west","isSubtle":true,"size":"Small","wrap":true}],
              "actions":[
               {"type":"Action.OpenUrl","title":"Dashboard","url":"https://grafana.example.com/d/rel?var-service=checkout&var-region=eu-west"},
               {"type":"Action.OpenUrl","title":"Workflow","url":"https://temporal.example.com/namespaces/prod/workflows/release-checkout-eu-west"}]}}]}"""),
        Webhooks.JSON.readTree(r.getBody().utf8()));
  }

  @Test
  void noticesAreShortAndChattyEventsAreNotSent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    assertTrue(teams().send(event(EventType.RELEASE_COMPLETED, "all regions completed")));
    var card =
        Webhooks.JSON
            .readTree(server.takeRequest().getBody().utf8())
            .path("attachments")
            .get(0)
            .path("content");
    assertEquals("Good", card.path("body").get(0).path("color").asText());
    assertEquals(
        "checkout 2.4.0 in eu-west: all regions completed",
        card.path("body").get(1).path("text").asText());
    assertFalse(teams().send(event(EventType.STAGE_PASSED, "stage 2 passed")));
  }

  @Test
  void aRejectedPostNamesTheSecretNotTheSignedUrl() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"error\":{\"code\":\"InvalidRequestContent\"}}")
            .build());
    NotificationActivitiesImpl notify = new NotificationActivitiesImpl(List.of(teams()));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> notify.publish(event(EventType.ROLLBACK_TRIGGERED, "m")));
    assertTrue(f.isNonRetryable());
    assertTrue(
        f.getOriginalMessage().startsWith("Teams webhook TEAMS_WORKFLOW_URL answered HTTP 400"),
        f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains("sig="));
    assertEquals(1, notify.failures("teams"));
  }

  @Test
  void aGatesCardLeadsToTheGateOnTheBoard() {
    TeamsNotifier teams =
        new TeamsNotifier(
            new Secrets(Map.of()),
            new LinkTemplates(
                null,
                null,
                "https://temporal.example.com/workflows/{workflowId}",
                "https://glidepath.example.com/board/releases/{releaseId}"),
            java.time.Duration.ofSeconds(5));
    var actions =
        teams
            .card(SlackNotifierTest.gateEvent(EventType.APPROVAL_NEEDED))
            .at("/attachments/0/content/actions");
    assertEquals("Action.OpenUrl", actions.get(0).path("type").asText());
    assertEquals(
        "Approve or reject stage:eu-west:2 on the board", actions.get(0).path("title").asText());
    assertEquals(
        "https://glidepath.example.com/board/releases/release-checkout",
        actions.get(0).path("url").asText(),
        "the release's page, though a region sent the card");
    assertEquals(
        "https://temporal.example.com/workflows/release-checkout-eu-west",
        actions.get(1).path("url").asText());
  }
}
