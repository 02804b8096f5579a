package io.glidepath.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.Secrets;
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
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP hooks in a whole release, with the real hook activities calling mockwebserver3: the worker
 * resolves each URL from the secret the spec names, the calls happen at their points (the undo
 * after the rollback), and neither the URL nor its token is ever in a recorded history, whether the
 * call succeeded or failed.
 */
class HttpHookWorkflowTest {
  static final String TOKEN = "purge-t0ken-never-in-history";

  @StartStop public final MockWebServer web = new MockWebServer();
  private Harness h;
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void theUrlsOfHttpHooksStayWithTheWorker() throws Exception {
    web.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            calls.add(r.getMethod() + " " + r.getTarget().replaceAll("\\?.*", ""));
            // The warm-up succeeds, so its undo is due; the notify hook fails for good (404).
            return new MockResponse.Builder()
                .code(r.getTarget().startsWith("/notify") ? 404 : 200)
                .build();
          }
        });
    Secrets secrets =
        new Secrets(
            Map.of(
                "WARM_URL", web.url("/warm?token=" + TOKEN).toString(),
                "COOL_URL", web.url("/cool?token=" + TOKEN).toString(),
                "NOTIFY_URL", web.url("/notify?token=" + TOKEN).toString()));
    h =
        Harness.withActivities(
            new HookActivitiesImpl(cluster -> null, secrets, Duration.ofMillis(20)));
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
            hooks:
              - name: warm-cache
                at: before-traffic
                http: {url: WARM_URL, method: POST, expect: 200}
                undo: {http: {url: COOL_URL, method: DELETE, expect: 200}}
              - name: tell-partner
                at: before-deploy
                http: {url: NOTIFY_URL, method: POST, expect: 200}
                onFailure: hold
            """,
            "hooks");
    ReleaseLauncher launcher = h.launcher;
    launcher.start(spec, "alice");
    // tell-partner fails and holds the region for a person; resume it past the hook.
    awaitHeld(launcher);
    launcher
        .release("checkout")
        .resume(new io.glidepath.status.Control("bob", "partner told by phone", null));
    ReleaseResult result = launcher.result("checkout");

    assertEquals(ReleasePhase.FAILED, result.phase(), result.summary());
    assertEquals(0, h.world.weights.get("us-east"), "the breach put traffic back on stable");
    assertEquals(
        List.of("POST /notify", "POST /warm", "DELETE /cool"),
        calls,
        "each hook at its point, the undo after the rollback");
    for (String id : List.of("release-checkout", "release-checkout-us-east")) {
      String history = Histories.decoded(h.client, id);
      assertFalse(history.contains(TOKEN), id + " history holds a hook URL's token");
      assertFalse(history.contains(web.url("/").toString()), id + " history holds a hook URL");
      if (id.endsWith("us-east")) {
        assertTrue(history.contains("NOTIFY_URL"), "only the secret's name travels");
        assertTrue(history.contains("answered 404, not 200"), "the failure is told, URL-free");
      }
    }
  }

  private static void awaitHeld(ReleaseLauncher launcher) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (launcher.release("checkout").status().regions().get(0).phase()
          == io.glidepath.status.RegionPhase.HOLDING) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the failed hook never held the region");
  }
}
