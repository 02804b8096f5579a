package io.glidepath.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.InvalidSpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code release start} lets a CI job change, validated like any spec. */
class SpecOverridesTest {
  static final Path EXAMPLE = Path.of("../examples/checkout.yaml");

  @Test
  void theVersionMovesTheImageTagAndRegionsModeAndDelayApply() {
    ReleaseSpec s = new SpecOverrides("2.5.1", null, "eu-west,apac", "delayed", "2h").load(EXAMPLE);
    assertEquals("2.5.1", s.version());
    assertEquals("ghcr.io/acme/checkout:2.5.1", s.image());
    assertEquals(List.of("eu-west", "apac"), s.regions().stream().map(RegionSpec::name).toList());
    assertEquals(RegionMode.DELAYED, s.rollout().mode());
    assertEquals(Duration.ofHours(2), s.rollout().delay());
  }

  @Test
  void anUnknownRegionOrABadDelayIsRefusedNamingTheField() {
    IllegalArgumentException region =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SpecOverrides(null, null, "us-west", null, null).load(EXAMPLE));
    assertTrue(
        region.getMessage().contains("has no region us-west; it has us-east, eu-west, apac"));
    InvalidSpecException delay =
        assertThrows(
            InvalidSpecException.class,
            () -> new SpecOverrides(null, null, "all", null, "10h").load(EXAMPLE));
    assertTrue(delay.getMessage().contains("rollout.delay"), delay.getMessage());
  }
}
