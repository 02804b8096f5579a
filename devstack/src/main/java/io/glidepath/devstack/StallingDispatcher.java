package io.glidepath.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.glidepath.model.Quantities;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A region's mock Kubernetes API that loses one write the way a dying worker does: the first patch
 * of an HTTPRoute that puts all its traffic back on the stable backend (the route's first, as the
 * sandbox seeds it) from a split is not applied, and its answer hangs for {@code lasts} before
 * failing. The writer sees neither success nor failure until it gives up; a retry goes through.
 */
final class StallingDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;
  private final Duration lasts;
  private final PrintStream log;
  private final AtomicBoolean stalled = new AtomicBoolean();

  StallingDispatcher(String region, Duration lasts, PrintStream log) {
    this.region = region;
    this.lasts = lasts;
    this.log = log;
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    if (!stalled.get() && request.getPath().contains("/httproutes/") && backToStable(request)) {
      if (stalled.compareAndSet(false, true)) {
        log.printf(
            "sandbox: %s's write putting %s back on stable stalls for %s and is lost%n",
            region,
            request.getPath().replaceAll(".*/httproutes/|\\?.*", ""),
            Quantities.format(lasts));
        return new MockResponse()
            .setResponseCode(503)
            .setBody("{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"stalled\"}")
            .setBodyDelay(lasts.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    return super.handlePatch(request);
  }

  /** Whether the patch moves the route from a split to all traffic on its first backend. */
  private boolean backToStable(RecordedRequest request) {
    try {
      MockResponse current = handleGet(request.getPath().replaceAll("\\?.*", ""));
      if (current.getBody() == null) {
        return false;
      }
      JsonNode before = JSON.readTree(current.getBody().getBytes());
      JsonNode patch = JSON.readTree(request.getBody().getBytes());
      if (!patch.isArray()) {
        return false;
      }
      int was = stableWeight(before);
      return was > 0 && was < 100 && stableWeight(JsonPatch.apply(patch, before)) == 100;
    } catch (java.io.IOException | RuntimeException notOurs) {
      return false;
    }
  }

  private static int stableWeight(JsonNode route) {
    return route
        .path("spec")
        .path("rules")
        .path(0)
        .path("backendRefs")
        .path(0)
        .path("weight")
        .asInt(-1);
  }
}
