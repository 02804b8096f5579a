package io.glidepath.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficRouterRegistryTest {
  static RegionSpec region(TrafficRouterType type) {
    return new RegionSpec(
        "eu-west",
        "prod-eu",
        "shop",
        new DeploymentTarget("checkout", "checkout-canary", null),
        new TrafficTarget(type, Map.of()),
        List.of());
  }

  @Test
  void anUnknownTypeFailsLoudlyNamingWhatIsConfigured() {
    TrafficActivitiesImpl traffic =
        new TrafficActivitiesImpl(new TrafficRouterRegistry(List.of(new NoopTrafficRouter())));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                traffic.setWeight(
                    new TrafficChange(
                        "r", "checkout", "2.4.0", region(TrafficRouterType.GATEWAY_API), 10)));
    assertTrue(f.isNonRetryable());
    assertEquals("UnknownTrafficType", f.getType());
    assertTrue(
        f.getOriginalMessage()
            .contains("no router for traffic type gateway-api; it is configured for: none"),
        f.getOriginalMessage());
  }

  @Test
  void theActivityReportsTheWeightTheRouterReadBack() {
    TrafficActivitiesImpl traffic =
        new TrafficActivitiesImpl(new TrafficRouterRegistry(List.of(new NoopTrafficRouter())));
    TrafficState s =
        traffic.setWeight(
            new TrafficChange("r", "checkout", "2.4.0", region(TrafficRouterType.NONE), 100));
    assertEquals(100, s.weight());
    assertEquals("none holds 100% on 2.4.0", s.detail());
  }

  @Test
  void twoRoutersForOneTypeAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrafficRouterRegistry(List.of(new NoopTrafficRouter(), new NoopTrafficRouter())));
  }
}
