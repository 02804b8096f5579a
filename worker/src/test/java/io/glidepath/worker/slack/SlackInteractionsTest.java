package io.glidepath.worker.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.CardAction;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.SearchAttributes;
import io.glidepath.testing.Harness;
import io.glidepath.testing.Ports;
import io.glidepath.worker.WiringFixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Slack's interactivity against the worker's real HTTP port: requests signed with a real HMAC, a
 * stand-in Slack (users.info and the clicks' response URLs), and a real release on the in-process
 * Temporal server (real clock) waiting at a stage gate, run by a test worker on the sandbox world.
 * The Micronaut worker itself polls nothing here; it only serves the endpoint.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackInteractionsTest implements TestPropertyProvider {
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String GATE = "stage:us-east:1";
  static final ObjectMapper JSON = new ObjectMapper();

  private TestServer.PortBoundTestServer temporal;
  private final MockWebServer slack = new MockWebServer();
  private final BlockingQueue<RecordedRequest> responses = new LinkedBlockingQueue<>();
  private final BlockingQueue<RecordedRequest> lookups = new LinkedBlockingQueue<>();
  private WorkflowServiceStubs stubs;
  private WorkerFactory workers;
  private WorkflowClient client;
  private final SandboxWorld world = new SandboxWorld();
  private ReleaseSpec spec;

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    var bound = Ports.bound(TestServer::createPortBoundServer);
    temporal = bound.server();
    try {
      slack.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              if (r.getTarget().startsWith("/api/users.info")) {
                lookups.add(r);
                String user = r.getUrl().queryParameter("user");
                String body =
                    "U_ALICE".equals(user)
                        ? "{\"ok\":true,\"user\":{\"id\":\"U_ALICE\",\"name\":\"bob\","
                            + "\"profile\":{\"display_name\":\"bob\","
                            + "\"email\":\"alice@example.com\"}}}"
                        : "{\"ok\":false,\"error\":\"user_not_found\"}";
                return new MockResponse.Builder()
                    .addHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
              }
              responses.add(r);
              return new MockResponse.Builder().body("ok").build();
            }
          });
      slack.start();
      Path secret = Files.createTempFile("slack-signing", "");
      Files.writeString(secret, SIGNING_SECRET + "\n");
      Path token = Files.createTempFile("slack-bot", "");
      Files.writeString(token, "xoxb-test-token\n");
      secret.toFile().deleteOnExit();
      token.toFile().deleteOnExit();
      Map<String, String> p = new HashMap<>(WiringFixtures.workerOn(bound.port()));
      p.put("glidepath.worker.enabled", "false");
      p.put("glidepath.slack.signing-secret", "file:" + secret);
      p.put("glidepath.slack.bot-token", "file:" + token);
      p.put("glidepath.slack.users", "U_BOB=bob");
      p.put("glidepath.slack.api-url", slack.url("/api/").toString());
      startRelease(bound.port());
      return p;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A test worker with the sandbox world on the same server, and a release at a stage gate. */
  private void startRelease(int port) {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    SearchAttributes.register(stubs, "default");
    workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(ReleaseLauncher.TASK_QUEUE, Harness.workerOptions());
    SandboxWorld.registerWorkflows(worker);
    worker.registerActivitiesImplementations(world.activities());
    worker.registerActivitiesImplementations(new io.glidepath.line.LineActivitiesImpl(client));
    workers.start();
    spec =
        Harness.oneRegion(
            "strategy:\n  canary:\n    stages:\n"
                + "      - {weight: 10, hold: 1h, gate: true}\n"
                + "      - {weight: 100, hold: 1h}\n"
                + "approval: {approvers: anyone, timeout: 1h, onTimeout: abort}\nsoak: 0s\n");
    new ReleaseLauncher(client).start(spec, "alice@example.com");
  }

  @AfterAll
  void stop() throws IOException {
    workers.shutdownNow();
    stubs.shutdownNow();
    temporal.close();
    slack.close();
  }

  private ReleaseWorkflow release() {
    return client.newWorkflowStub(ReleaseWorkflow.class, spec.releaseWorkflowId());
  }

  private ReleaseStatus await(Predicate<ReleaseStatus> condition) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      ReleaseStatus s = release().status();
      if (condition.test(s)) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("status never matched: " + release().status());
  }

  private ReleaseStatus atGate() throws InterruptedException {
    return await(s -> s.pendingApprovals().stream().anyMatch(g -> g.gate().equals(GATE)));
  }

  /** The Approve button of the region's gate card, as the Slack notifier made it. */
  private String click(String user, String responsePath) {
    return click(CardAction.Kind.APPROVE, user, responsePath);
  }

  private String click(CardAction.Kind kind, String user, String responsePath) {
    String regionId = spec.regionWorkflowId("us-east");
    String runId =
        stubs
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(regionId))
                    .build())
            .getWorkflowExecutionInfo()
            .getExecution()
            .getRunId();
    var action = new CardAction(kind, regionId, runId, GATE);
    var payload = JSON.createObjectNode().put("type", "block_actions");
    payload.putObject("user").put("id", user).put("username", "bob");
    payload.put("response_url", slack.url(responsePath).toString());
    payload
        .putArray("actions")
        .addObject()
        .put("action_id", action.kind().actionId())
        .put("block_id", "glidepath-decisions")
        .put("value", action.value());
    var message = payload.putObject("message").put("text", "approval needed");
    var blocks = message.putArray("blocks");
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", ":raised_hand: approval needed for gate " + GATE);
    blocks.addObject().put("type", "actions").put("block_id", "glidepath-decisions");
    return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String body, String timestamp, String signature)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.getPort() + "/slack/actions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> signedPost(String body) throws Exception {
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    return post(
        body, ts, SlackSignature.sign(SIGNING_SECRET, ts, body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @Order(1)
  void replayedAndTamperedRequestsAreRefusedAndChangeNothing() throws Exception {
    atGate();
    String body = click("U_BOB", "/respond/replay");
    String old = String.valueOf(System.currentTimeMillis() / 1000 - 6 * 60);
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        401, post(body, old, SlackSignature.sign(SIGNING_SECRET, old, raw)).statusCode(), "replay");

    String now = String.valueOf(System.currentTimeMillis() / 1000);
    String signed = SlackSignature.sign(SIGNING_SECRET, now, raw);
    String tampered = body.replace("U_BOB", "U_EVE");
    assertEquals(401, post(tampered, now, signed).statusCode(), "body changed after signing");
    assertEquals(
        401,
        post(body, now, SlackSignature.sign("not-the-secret", now, raw)).statusCode(),
        "wrong key");
    assertEquals(401, post(body, now, "v0=").statusCode(), "empty signature");

    assertNull(responses.poll(1, TimeUnit.SECONDS), "nothing was answered to anyone");
    assertTrue(lookups.isEmpty(), "nobody was looked up");
    var gate = atGate().pendingApprovals().get(0);
    assertTrue(gate.approvals().isEmpty(), "nothing was approved: " + gate);
    assertFalse(world.weights.getOrDefault("us-east", 0) > 0, "no traffic moved");
  }

  @Test
  @Order(2)
  void theAuthorsOwnClickIsRefusedToHerWithTheRule() throws Exception {
    atGate();
    assertEquals(200, signedPost(click("U_ALICE", "/respond/alice")).statusCode());
    RecordedRequest lookup = lookups.poll(10, TimeUnit.SECONDS);
    assertNotNull(lookup, "the clicker was looked up through users.info");
    assertEquals("Bearer xoxb-test-token", lookup.getHeaders().get("Authorization"));
    RecordedRequest answer = responses.poll(10, TimeUnit.SECONDS);
    assertNotNull(answer, "the refusal was answered through the response URL");
    assertEquals("/respond/alice", answer.getTarget());
    JsonNode m = JSON.readTree(answer.getBody().utf8());
    assertEquals("ephemeral", m.path("response_type").asText());
    assertFalse(m.path("replace_original").asBoolean(true));
    assertTrue(
        m.path("text").asText().contains("self-approval is not allowed"), m.path("text").asText());
    assertTrue(atGate().pendingApprovals().get(0).approvals().isEmpty(), "nothing was recorded");
  }

  @Test
  @Order(3)
  void aMappedUsersClickOpensTheStageGateAndTheCardShowsTheApprover() throws Exception {
    atGate();
    var answerToSlack = signedPost(click("U_BOB", "/respond/bob"));
    assertEquals(200, answerToSlack.statusCode());
    RecordedRequest answer = responses.poll(20, TimeUnit.SECONDS);
    assertNotNull(answer, "the card was updated through the response URL");
    assertEquals("/respond/bob", answer.getTarget());
    JsonNode m = JSON.readTree(answer.getBody().utf8());
    assertTrue(m.path("replace_original").asBoolean(), m.toString());
    JsonNode blocks = m.path("blocks");
    assertEquals("section", blocks.get(0).path("type").asText(), "the card's text stays");
    for (JsonNode b : blocks) {
      assertFalse("glidepath-decisions".equals(b.path("block_id").asText()), "buttons are gone");
    }
    String last = blocks.get(blocks.size() - 1).path("elements").get(0).path("text").asText();
    assertTrue(last.contains("Approved " + GATE + " by bob"), last);
    assertTrue(last.matches(".*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC.*"), last);

    ReleaseStatus moved = await(s -> s.pendingApprovals().isEmpty());
    Decision approved =
        moved.timeline().stream()
            .filter(d -> d.kind() == DecisionKind.APPROVED)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no approval in " + moved.timeline()));
    assertEquals("bob", approved.who());
    assertEquals("slack:U_BOB", approved.identity());
    for (int i = 0; i < 300 && world.weights.getOrDefault("us-east", 0) < 10; i++) {
      Thread.sleep(100);
    }
    assertEquals(10, world.weights.get("us-east"), "the region shifted stage 1's weight");
    assertTrue(lookups.isEmpty(), "a mapped user needs no users.info");
  }

  @Test
  @Order(4)
  void rejectingAGateThatIsNoLongerWaitingAbortsNothing() throws Exception {
    await(s -> s.pendingApprovals().isEmpty());
    assertEquals(
        200, signedPost(click(CardAction.Kind.REJECT, "U_BOB", "/respond/stale")).statusCode());
    RecordedRequest answer = responses.poll(20, TimeUnit.SECONDS);
    assertNotNull(answer);
    JsonNode m = JSON.readTree(answer.getBody().utf8());
    assertEquals("ephemeral", m.path("response_type").asText());
    assertTrue(m.path("text").asText().contains("no longer waiting"), m.toString());
    assertFalse(release().status().phase().finished(), "the release runs on");
  }
}
