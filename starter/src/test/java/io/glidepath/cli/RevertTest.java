package io.glidepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.ReleaseResult.Baseline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The revert's spec: what served before, its regions, and refusals that say why. */
class RevertTest {
  static final ReleaseSpec LAST =
      SpecParser.parse(WithWorker.yaml("cart", "1.5.0", "", "us-east", "eu-west"), "test spec");

  @Test
  void regionsThatServedDifferentVersionsBeforeAreRevertedOneAtATime() {
    Map<String, Baseline> before =
        Map.of(
            "us-east", new Baseline("1.4.0", "ghcr.io/acme/cart:1.4.0"),
            "eu-west", new Baseline("1.3.9", "ghcr.io/acme/cart:1.3.9"));
    var e =
        assertThrows(IllegalArgumentException.class, () -> Revert.spec(LAST, before, null, false));
    assertTrue(
        e.getMessage()
            .contains(
                "the regions served different versions before release-cart (1.5.0): eu-west 1.3.9,"
                    + " us-east 1.4.0; revert one region at a time with --region"),
        e.getMessage());
    ReleaseSpec one = Revert.spec(LAST, before, "eu-west", false);
    assertEquals("1.3.9", one.version());
    assertEquals("ghcr.io/acme/cart:1.3.9", one.image());
    assertEquals(1, one.regions().size());
  }

  @Test
  void nothingRecordedBeforeIsRefused() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> Revert.spec(LAST, Map.of(), null, true));
    assertTrue(e.getMessage().contains("recorded no version that served before it"));
    var mars =
        assertThrows(
            IllegalArgumentException.class,
            () -> Revert.spec(LAST, Map.of("us-east", new Baseline("1", "i:1")), "mars", false));
    assertTrue(mars.getMessage().contains("has no region mars"), mars.getMessage());
  }
}
