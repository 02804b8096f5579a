package io.glidepath.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A region's line shows the weight and, while a window runs, the time left in it. */
class StatusViewTest {
  RegionStatus observing(long start, long end) {
    return new RegionStatus(
        "eu-west", RegionPhase.OBSERVING, 2, 5, 25, false, null, null, null, List.of(), start, end);
  }

  @Test
  void aRunningWindowShowsItsTimeLeftAsASecondBar() {
    String line = StatusView.region(observing(100_000, 160_000), 115_000);
    assertEquals(
        "  eu-west    observing    stage 2/5   [##........]  25%  window [########..] 45s left"
            + "  no verdict yet",
        line);
  }

  @Test
  void noWindowNoSecondBarAndAnOverdueWindowShowsNothingLeft() {
    assertEquals(
        "  eu-west    observing    stage 2/5   [##........]  25%  no verdict yet",
        StatusView.region(observing(0, 0), 115_000));
    assertEquals(
        "  window [..........] 0s left", StatusView.window(observing(100_000, 160_000), 170_000));
  }
}
