package io.glidepath.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.glidepath.kubernetes.ClusterFixtures;
import io.glidepath.model.HookSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.notify.Secrets;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hooks as Kubernetes Jobs on the Fabric8 mock server and as HTTP calls on mockwebserver3. */
@EnableKubernetesMockClient(crud = true)
class HookActivitiesImplTest {
  static final String NS = ClusterFixtures.NS;
  static final String JOB = "gp-migrate-1a2b3c4";
  static final String TOKEN = "s3cr3t-t0ken-value";

  KubernetesClient client;
  KubernetesMockServer server;
  @StartStop final MockWebServer web = new MockWebServer();

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private HookActivities hooks;
  private int heartbeats;

  @BeforeEach
  void start() {
    Secrets secrets =
        new Secrets(Map.of("CDN_PURGE_URL", web.url("/purge?token=" + TOKEN).toString()));
    env.registerActivitiesImplementations(
        new HookActivitiesImpl(cluster -> client, secrets, Duration.ofMillis(20)));
    hooks =
        env.newActivityStub(
            HookActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static HookRequest request(HookSpec.Action action) {
    return new HookRequest(
        "release-checkout-eu-west",
        "checkout",
        "2.4.0",
        ClusterFixtures.region(TrafficRouterType.GATEWAY_API, Map.of()),
        "migrate",
        false,
        action,
        JOB);
  }

  private static final HookSpec.Action MIGRATE =
      new HookSpec.Action(
          new HookSpec.Job(
              "ghcr.io/acme/checkout-migrate:2.4.0", List.of("up"), Duration.ofMinutes(10)),
          null);

  /** Plays the Job controller: on the first heartbeat, the Job ends as {@code status} says. */
  private void jobEndsOnFirstHeartbeat(boolean succeeded) {
    env.setActivityHeartbeatListener(
        String.class,
        progress -> {
          if (++heartbeats == 1) {
            Job job = client.batch().v1().jobs().inNamespace(NS).withName(JOB).get();
            job.setStatus(
                succeeded
                    ? new JobStatusBuilder().withSucceeded(1).build()
                    : new JobStatusBuilder()
                        .withFailed(1)
                        .addNewCondition()
                        .withType("Failed")
                        .withStatus("True")
                        .withReason("BackoffLimitExceeded")
                        .endCondition()
                        .build());
            client.resource(job).updateStatus();
          }
        });
  }

  private static ApplicationFailure failure(Runnable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call::run);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  @Test
  void aJobHookCreatesItsJobOnceAndWaitsForIt() {
    jobEndsOnFirstHeartbeat(true);
    String ran = hooks.run(request(MIGRATE));
    assertEquals("job ghcr.io/acme/checkout-migrate:2.4.0 up succeeded as " + JOB, ran);
    Job job = client.batch().v1().jobs().inNamespace(NS).withName(JOB).get();
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("ghcr.io/acme/checkout-migrate:2.4.0", container.getImage());
    assertEquals(List.of("up"), container.getArgs());
    assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
    assertEquals(0, job.getSpec().getBackoffLimit());
    assertEquals(600L, job.getSpec().getActiveDeadlineSeconds());
    assertEquals("migrate", job.getMetadata().getLabels().get(HookActivitiesImpl.HOOK_LABEL));

    hooks.run(request(MIGRATE)); // a retry, or a worker resumed after a crash
    assertEquals(
        1,
        client.batch().v1().jobs().inNamespace(NS).list().getItems().size(),
        "the Job is never created twice");
  }

  @Test
  void aFailedJobQuotesItsLastLogLines() {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(JOB + "-x7k2p")
                .withNamespace(NS)
                .addToLabels("job-name", JOB)
                .endMetadata()
                .build())
        .create();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/" + NS + "/pods/" + JOB + "-x7k2p/log?pretty=false&tailLines=10")
        .andReturn(200, "migrating 0042_orders\nERROR: relation \"orders\" already exists\n")
        .always();
    jobEndsOnFirstHeartbeat(false);
    ApplicationFailure f = failure(() -> hooks.run(request(MIGRATE)));
    assertTrue(f.isNonRetryable());
    assertEquals("HookFailed", f.getType());
    assertTrue(
        f.getOriginalMessage()
            .startsWith("Job " + NS + "/" + JOB + " failed: BackoffLimitExceeded"),
        f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("ERROR: relation \"orders\" already exists"),
        "the logs are quoted: " + f.getOriginalMessage());
  }

  @Test
  void anHttpHookCallsTheUrlItsSecretHoldsAndNeverSaysIt() throws Exception {
    HookSpec.Action purge =
        new HookSpec.Action(null, new HookSpec.Http("CDN_PURGE_URL", "POST", 202));
    web.enqueue(new MockResponse.Builder().code(202).build());
    String ran = hooks.run(request(purge));
    assertEquals("POST to the URL in CDN_PURGE_URL answered 202", ran);
    RecordedRequest r = web.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", r.getMethod());
    assertTrue(r.getBody().utf8().contains("\"hook\":\"migrate\""));

    web.enqueue(new MockResponse.Builder().code(404).build());
    ApplicationFailure notFound = failure(() -> hooks.run(request(purge)));
    assertTrue(notFound.isNonRetryable());
    assertEquals(
        "POST to the URL in CDN_PURGE_URL answered 404, not 202", notFound.getOriginalMessage());
    assertFalse(notFound.getOriginalMessage().contains(TOKEN));

    HookSpec.Action unset =
        new HookSpec.Action(null, new HookSpec.Http("NOT_SET_URL", "POST", 200));
    ApplicationFailure missing = failure(() -> hooks.run(request(unset)));
    assertTrue(missing.getOriginalMessage().contains("NOT_SET_URL"), missing.getOriginalMessage());
  }
}
