package io.glidepath.traffic.flagd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.glidepath.kubernetes.ClusterFixtures;
import io.glidepath.model.FlagSettings;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.FlagStep;
import io.glidepath.traffic.TrafficActivitiesImpl;
import io.glidepath.traffic.TrafficChange;
import io.glidepath.traffic.TrafficRouterRegistry;
import io.glidepath.traffic.kubernetes.GatewayRouteRouter;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagd router against the Fabric8 CRUD mock, with every flag file it writes read by flagd's
 * own evaluator (the OpenFeature SDK and the flagd provider, in process).
 */
@EnableKubernetesMockClient(crud = true)
class FlagdRouterTest {
  static final String NS = ClusterFixtures.NS;
  static final int USERS = 10_000;
  static final List<String> BETA = List.of(FlagdEvaluation.email(3), FlagdEvaluation.email(7));

  KubernetesClient client;
  @TempDir Path dir;

  private static RegionSpec region(Map<String, String> extra) {
    Map<String, String> s = new java.util.HashMap<>(Map.of("flag", "new-checkout"));
    s.putAll(extra);
    return ClusterFixtures.region(TrafficRouterType.FLAGD, s);
  }

  private String stored() {
    ConfigMap cm = client.configMaps().inNamespace(NS).withName("flagd-flags").get();
    return cm.getData().get(FlagSettings.CONFIG_MAP_KEY);
  }

  @Test
  void stagesAreStickyMatchTheirShareAndARollbackPutsEveryoneBack() throws Exception {
    RegionSpec region = region(Map.of());
    FlagdRouter router = new FlagdRouter(cluster -> client);
    Set<String> before = Set.of();
    for (int percent : List.of(10, 25, 50, 75, 100)) {
      assertEquals(percent, router.setFlag(region, percent, new FlagStep(false, false)));
      Set<String> on = FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS);
      double share = on.size() * 100.0 / USERS;
      assertEquals(percent, share, 2.0, "share of users on the new variant at " + percent + "%");
      Set<String> flippedBack = new HashSet<>(before);
      flippedBack.removeAll(on);
      assertTrue(flippedBack.isEmpty(), flippedBack.size() + " users went back at " + percent);
      before = on;
    }
    assertEquals(USERS, before.size(), "100% puts every user on the new variant");

    assertEquals(0, router.setFlag(region, 0, new FlagStep(false, false)));
    assertEquals(Set.of(), FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS));
  }

  @Test
  void theAllowlistComesFirstAndARollbackKeepsItOnlyWhenAsked() throws Exception {
    Map<String, String> allow =
        Map.of("allowlistAttribute", "email", "allowlist", String.join(",", BETA));
    FlagdRouter router = new FlagdRouter(cluster -> client);
    RegionSpec region = region(allow);
    assertEquals(0, router.setFlag(region, 0, new FlagStep(true, false)));
    assertEquals(
        Set.of("user-3", "user-7"), FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS));

    router.setFlag(region, 25, new FlagStep(true, false));
    Set<String> at25 = FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS);
    assertTrue(at25.containsAll(Set.of("user-3", "user-7")), "the allowlist stays on");
    assertEquals(25, at25.size() * 100.0 / USERS, 2.0);

    router.setFlag(region, 0, new FlagStep(false, false)); // rollback without keepAllowlist
    assertEquals(Set.of(), FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS));

    router.setFlag(region, 25, new FlagStep(true, false));
    router.setFlag(region, 0, new FlagStep(true, false)); // rollback with keepAllowlist
    assertEquals(
        Set.of("user-3", "user-7"), FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS));
  }

  @Test
  void promotionMakesTheNewVariantTheDefaultAndOtherFlagsStayAsTheyWere() throws Exception {
    String other =
        "{\"flags\":{\"dark-mode\":{\"state\":\"ENABLED\",\"variants\":{\"a\":\"x\",\"b\":\"y\"},"
            + "\"defaultVariant\":\"b\"}}}";
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("flagd-flags")
                .endMetadata()
                .addToData(FlagSettings.CONFIG_MAP_KEY, other)
                .addToData("other.json", "{}")
                .build())
        .create();
    FlagdRouter router = new FlagdRouter(cluster -> client);
    RegionSpec region = region(Map.of("newVariant", "new", "oldVariant", "classic"));
    router.setFlag(region, 50, new FlagStep(false, false));
    assertEquals(100, router.setFlag(region, 100, new FlagStep(false, true)));
    var flags = new ObjectMapper().readTree(stored()).get("flags");
    assertEquals("new", flags.get("new-checkout").get("defaultVariant").asText());
    assertFalse(flags.get("new-checkout").has("targeting"), "no targeting after promotion");
    assertEquals("b", flags.get("dark-mode").get("defaultVariant").asText());
    assertEquals(
        "{}",
        client
            .configMaps()
            .inNamespace(NS)
            .withName("flagd-flags")
            .get()
            .getData()
            .get("other.json"));
    assertEquals(USERS, FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS).size());
    // A rollback after promotion: the old variant is the default again.
    router.setFlag(region, 0, new FlagStep(false, false));
    assertEquals(Set.of(), FlagdEvaluation.usersOn(dir, stored(), "new-checkout", USERS));
  }

  @Test
  void aFileIsWrittenForFlagdToWatch() throws Exception {
    Path file = dir.resolve("etc/flagd/flags.flagd.json");
    RegionSpec region = region(Map.of("file", file.toString()));
    FlagdRouter router = new FlagdRouter(cluster -> client);
    assertEquals(10, router.setWeight(region, 10));
    assertEquals(10, router.setWeight(region, 10), "idempotent");
    assertEquals(
        10,
        FlagdEvaluation.usersOn(dir, Files.readString(file), "new-checkout", USERS).size()
            * 100.0
            / USERS,
        2.0);
    assertEquals(
        null,
        client.configMaps().inNamespace(NS).withName("flagd-flags").get(),
        "a file alone writes no ConfigMap");
  }

  @Test
  void aFileThatIsNotAFlagFileIsRefusedNamingTheFix() throws Exception {
    Path file = dir.resolve("flags.flagd.json");
    Files.writeString(file, "[1, 2]");
    RegionSpec region = region(Map.of("file", file.toString()));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> new FlagdRouter(cluster -> client).setWeight(region, 10));
    assertEquals("NotAFlagFile", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("traffic.file"), f.getOriginalMessage());
  }

  @Test
  void theTrafficActivitySendsFlagStepsToTheFlagRouterOnly() {
    TrafficActivitiesImpl traffic =
        new TrafficActivitiesImpl(
            new TrafficRouterRegistry(
                List.of(new FlagdRouter(cluster -> client), new GatewayRouteRouter(c -> client))));
    var state =
        traffic.setWeight(
            new TrafficChange(
                "r", "checkout", "v", region(Map.of()), 25, new FlagStep(false, false)));
    assertEquals(25, state.weight());
    assertTrue(state.detail().contains("25% of users"), state.detail());
    RegionSpec gateway =
        ClusterFixtures.region(
            TrafficRouterType.GATEWAY_API,
            Map.of("route", "checkout", "stableBackend", "a", "canaryBackend", "b"));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                traffic.setWeight(
                    new TrafficChange(
                        "r", "checkout", "v", gateway, 25, new FlagStep(false, false))));
    assertEquals("NotAFlagLayer", f.getType());
  }
}
