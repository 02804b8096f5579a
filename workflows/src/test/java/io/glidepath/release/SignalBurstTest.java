package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.Bounded;
import io.glidepath.status.Control;
import io.glidepath.status.Decision;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Timeline;
import io.glidepath.testing.Harness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever people send, a release stays answerable: oversized and many small signals are cut and
 * bounded in its state, the status query keeps working, and an abort still ends it.
 */
class SignalBurstTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aBurstOfOversizedAndManySmallSignalsLeavesStatusAndAbortWorking() {
    ReleaseSpec spec = Harness.oneRegion("soak: 0s\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> s.regions().get(0).stage() >= 1, Duration.ofHours(1));
    String huge = "x".repeat(100_000);
    for (int i = 0; i < 40; i++) {
      release.pause(new Control(huge, huge, null));
    }
    for (int i = 0; i < 300; i++) {
      release.resume(new Control("bob", "small " + i, null));
    }
    ReleaseStatus s = release.status();
    assertTrue(s.timeline().size() <= Timeline.MAX_ENTRIES + 1, "bounded: " + s.timeline().size());
    for (Decision d : s.timeline()) {
      assertTrue(d.who() == null || d.who().length() <= Bounded.MAX_NAME, d.who().length() + "");
      assertTrue(d.why() == null || d.why().length() <= Bounded.MAX_TEXT);
    }
    assertEquals("timeline truncated", s.timeline().get(0).what(), "says what it dropped");
    int regionTimeline = h.regionTimeline(spec, "us-east").size();
    assertTrue(regionTimeline <= Timeline.MAX_ENTRIES + 1, "region bounded: " + regionTimeline);

    release.abort(new Control("carol", "stop after the burst", null));
    assertEquals(ReleasePhase.ABORTED, h.result(spec).phase());
    assertEquals(0, h.world.weights.get("us-east"), "traffic back on stable");
  }
}
