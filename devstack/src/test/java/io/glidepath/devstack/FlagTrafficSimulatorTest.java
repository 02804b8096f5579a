package io.glidepath.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.glidepath.kubernetes.SampleService;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import io.glidepath.traffic.FlagStep;
import io.glidepath.traffic.flagd.FlagdRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's flag users: the flag file the flagd router publishes, evaluated per user by the
 * OpenFeature SDK and the flagd provider, with the requests labelled by variant.
 */
@EnableKubernetesMockClient(crud = true)
class FlagTrafficSimulatorTest {
  static final String NS = "shop";
  KubernetesClient client;
  @TempDir Path dir;

  private final SandboxMetrics metrics = new SandboxMetrics();

  private RegionSpec region() {
    return new RegionSpec(
        "us-east",
        "us-east",
        NS,
        null,
        new TrafficTarget(TrafficRouterType.FLAGD, Map.of("flag", "new-checkout")),
        List.of());
  }

  /** Requests recorded for {@code variant} so far, and of them answered 5xx. */
  private double[] requests(String variant) {
    double all = 0;
    double errors = 0;
    for (var s : metrics.named(SandboxMetrics.COUNT)) {
      if (variant.equals(s.labels().get("variant"))
          && "checkout".equals(s.labels().get("service"))) {
        all += s.value().sum();
        if (s.labels().get("status").startsWith("5")) {
          errors += s.value().sum();
        }
      }
    }
    return new double[] {all, errors};
  }

  @Test
  void usersGetFlagdsVariantsAndAFaultOnTheNewVariantShowsInItsMetricsOnly() {
    SampleService.seed(client, NS, "checkout", "2.3.0");
    FaultProfile faults =
        new FaultProfile(
            List.of(new FaultProfile.Fault("us-east", FaultProfile.NEW, null, 0.05, 0)),
            List.of(),
            List.of());
    FlagdRouter router = new FlagdRouter(cluster -> client);
    try (FlagTrafficSimulator users =
        new FlagTrafficSimulator("us-east", NS, client, metrics, faults, dir)) {
      router.setFlag(region(), 25, new FlagStep(false, false));
      awaitCurrent(users);
      for (int i = 0; i < 20; i++) {
        users.tick(1.0); // 20,000 requests: every one of the 10,000 users twice
      }
      double[] on = requests("on");
      double[] off = requests("off");
      assertEquals(20_000, on[0] + off[0], 0.5);
      assertEquals(25, on[0] * 100 / (on[0] + off[0]), 2.0, "the share on the new variant");
      assertEquals(0.05, on[1] / on[0], 0.015, "the new variant's error rate");
      assertTrue(off[1] / off[0] < 0.005, "the old variant stays healthy: " + off[1] / off[0]);

      router.setFlag(region(), 0, new FlagStep(false, false)); // a rollback
      awaitCurrent(users);
      users.tick(1.0);
      assertEquals(on[0], requests("on")[0], 0.5, "no request on the new variant after it");
      assertEquals(off[0] + 1000, requests("off")[0], 0.5);
    }
  }

  /**
   * Ticks without traffic until the users get the published file: flagd's provider reads a new file
   * in the background while users keep the previous answers. Within 10 s, far under any check
   * interval; it takes milliseconds once flagd's classes are loaded.
   */
  private static void awaitCurrent(FlagTrafficSimulator users) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    users.tick(0);
    while (!users.current()) {
      assertTrue(System.nanoTime() < deadline, "the users never got the published flag file");
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      users.tick(0);
    }
  }

  @Test
  void aVariantsSeriesStartAtZeroBeforeItsFirstUserAndEveryoneElseKeepsBeingServed() {
    SampleService.seed(client, NS, "checkout", "2.3.0");
    FlagdRouter router = new FlagdRouter(cluster -> client);
    try (FlagTrafficSimulator users =
        new FlagTrafficSimulator("us-east", NS, client, metrics, FaultProfile.HEALTHY, dir)) {
      router.setFlag(region(), 0, new FlagStep(false, false));
      users.tick(1.0); // the file is still loading: users get the default, traffic goes on
      assertEquals(1000, requests("on")[0] + requests("off")[0], 0.5);
      assertEquals(0, requests("on")[0], "the new variant's series exists, at zero");
      assertTrue(
          metrics.named(SandboxMetrics.COUNT).stream()
              .anyMatch(s -> "on".equals(s.labels().get("variant"))),
          "scraped before its first user, so the first rate after a shift has a baseline");
    }
  }

  @Test
  void withoutAFlagFileNoVariantIsRecorded() {
    SampleService.seed(client, NS, "checkout", "2.3.0");
    try (FlagTrafficSimulator users =
        new FlagTrafficSimulator("us-east", NS, client, metrics, FaultProfile.HEALTHY, dir)) {
      users.tick(Duration.ofSeconds(1).toSeconds());
    }
    assertEquals(0, requests("on")[0] + requests("off")[0]);
  }
}
