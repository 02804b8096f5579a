package io.glidepath.cli.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flag release names its feature and the share of users, never a version. */
class FlagStatusViewTest {
  static ReleaseStatus status(String feature) {
    RegionStatus r =
        new RegionStatus(
            "eu-west", RegionPhase.OBSERVING, 2, 4, 25, false, null, null, null, List.of(), 0, 0);
    return new ReleaseStatus(
        "release-checkout",
        "checkout",
        "new-checkout-1",
        "alice",
        ReleasePhase.ROLLING_OUT,
        false,
        List.of(r),
        List.of(),
        List.of(),
        feature);
  }

  @Test
  void statusAndWatchSayFeatureAtAShareOfUsers() {
    String status = StatusView.render(status("new-checkout"), null);
    assertTrue(status.startsWith("checkout feature new-checkout (release-checkout"), status);
    assertTrue(status.contains("feature new-checkout at 25% of users"), status);
    assertTrue(!status.contains("new-checkout-1"), "no version: " + status);
    List<String> facts = new WatchView(0, null, null, false).facts(status("new-checkout"));
    assertTrue(facts.get(0).startsWith("checkout feature new-checkout: "), facts.toString());
    assertTrue(facts.get(1).contains("25% of users"), facts.toString());
  }

  @Test
  void aVersionReleaseReadsAsBefore() {
    String status = StatusView.render(status(null), null);
    assertTrue(status.startsWith("checkout new-checkout-1 (release-checkout"), status);
    assertTrue(!status.contains("of users"), status);
  }
}
