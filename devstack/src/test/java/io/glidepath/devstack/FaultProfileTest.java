package io.glidepath.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultProfileTest {
  @TempDir Path dir;

  private FaultProfile load(String yaml) throws Exception {
    Path file = dir.resolve("faults.yaml");
    Files.writeString(file, yaml);
    return FaultProfile.load(file);
  }

  @Test
  void readsVersionHookAndStallFaults() throws Exception {
    FaultProfile p =
        load(
            """
            faults:
              - {region: eu-west, version: new, p95: 520ms, fromWeight: 50}
              - {region: eu-west, hook: migrate}
              - {region: us-east, stall: rollback, for: 30s}
            """);
    assertEquals(1, p.faults().size());
    assertEquals(List.of("migrate"), p.failingHooks("eu-west"));
    assertEquals(List.of(), p.failingHooks("us-east"));
    assertEquals(Duration.ofSeconds(30), p.stall("us-east").orElseThrow());
    assertTrue(p.stall("eu-west").isEmpty());
    assertEquals(
        "eu-west's new version: p95 520ms from 50%. eu-west's migrate hook fails. us-east's first"
            + " write back to stable hangs 30s and is lost.",
        p.describe());
  }

  @Test
  void aWrongEntryNamesItsField() throws Exception {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> load("faults:\n  - {region: us-east, stall: forward}\n"));
    assertTrue(e.getMessage().endsWith("faults[0].stall: the one write that stalls is rollback"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> load("faults:\n  - {region: us-east, hook: ''}\n"));
    assertTrue(e.getMessage().contains("faults[0].hook: expected a name, e.g. hook: migrate"));
  }

  /**
   * The stalled write is the first one putting traffic back on stable from a split: it hangs, is
   * never applied, and the next attempt goes through; writes forward are never stalled.
   */
  @Test
  void theFirstWriteBackToStableHangsAndIsLost() throws Exception {
    FaultProfile p = load("faults:\n  - {region: us-east, stall: rollback, for: 2s}\n");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Sandbox sandbox =
        Sandbox.start(0, p, new PrintStream(log, true, StandardCharsets.UTF_8))) {
      // A client that does not retry a 5xx itself, as a worker that died mid-write cannot.
      KubernetesClient k8s =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder()
                      .withMasterUrl(sandbox.target().clusters().get("us-east"))
                      .withRequestRetryBackoffLimit(0)
                      .build())
              .build();
      Resource<HTTPRoute> route =
          k8s.resources(HTTPRoute.class).inNamespace(Sandbox.NAMESPACE).withName("checkout");
      setCanary(route, 50);
      assertEquals(50, canary(route));

      long start = System.nanoTime();
      assertThrows(KubernetesClientException.class, () -> setCanary(route, 0));
      assertTrue(
          System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(),
          "the write hung until the stall ended");
      assertEquals(50, canary(route), "the stalled write was never applied");
      assertTrue(
          log.toString(StandardCharsets.UTF_8)
              .contains("us-east's write putting checkout back on stable stalls for 2s"));

      setCanary(route, 0);
      assertEquals(0, canary(route), "the retry lands");
      setCanary(route, 50);
      setCanary(route, 0);
      assertEquals(0, canary(route), "only the first write stalls");
      k8s.close();
    }
  }

  @Test
  void aFailingHooksJobsFailInItsRegionOnly() throws Exception {
    FaultProfile p = load("faults:\n  - {region: eu-west, hook: migrate}\n");
    try (Sandbox sandbox = Sandbox.start(0, p, new PrintStream(new ByteArrayOutputStream()))) {
      assertEquals("failed", jobOutcome(sandbox.cluster("eu-west"), "migrate"));
      assertEquals("succeeded", jobOutcome(sandbox.cluster("us-east"), "migrate"));
      assertEquals("succeeded", jobOutcome(sandbox.cluster("eu-west"), "purge"));
    }
  }

  /** Creates a Job of {@code hook} and waits for the simulated controller to end it. */
  private static String jobOutcome(KubernetesClient k8s, String hook) throws Exception {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("gp-" + hook)
            .withNamespace(Sandbox.NAMESPACE)
            .addToLabels("glidepath.io/hook", hook)
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName(hook)
            .withImage("busybox")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    k8s.batch().v1().jobs().inNamespace(Sandbox.NAMESPACE).resource(job).create();
    for (int i = 0; i < 100; i++) {
      var status =
          k8s.batch()
              .v1()
              .jobs()
              .inNamespace(Sandbox.NAMESPACE)
              .withName("gp-" + hook)
              .get()
              .getStatus();
      if (status != null && status.getFailed() != null) {
        return "failed";
      }
      if (status != null && status.getSucceeded() != null) {
        return "succeeded";
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the Job of " + hook + " never ended");
  }

  private static void setCanary(Resource<HTTPRoute> route, int weight) {
    route.edit(
        r -> {
          List<HTTPBackendRef> refs = r.getSpec().getRules().get(0).getBackendRefs();
          refs.get(0).setWeight(100 - weight);
          refs.get(1).setWeight(weight);
          return r;
        });
  }

  private static int canary(Resource<HTTPRoute> route) {
    return route.get().getSpec().getRules().get(0).getBackendRefs().get(1).getWeight();
  }
}
