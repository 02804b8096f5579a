package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.ReleasePhase;
import io.glidepath.testing.Harness;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Temporal Web UI shows of a release: every timer and activity carries a summary that says
 * what it is, read back from the histories of a full release.
 */
class SummariesTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private List<String> summaries(String workflowId) {
    return h.client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasUserMetadata)
        .map(e -> e.getUserMetadata().getSummary().getData().toStringUtf8())
        .toList();
  }

  @Test
  void timersAndActivitiesSayWhatTheyAre() {
    ReleaseSpec spec = Harness.spec("rollout: {mode: delayed, delay: 90m}\nsoak: 24h\n");
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());

    List<String> release = summaries(spec.releaseWorkflowId());
    assertTrue(release.contains("\"delay 1h30m after us-east\""), release.toString());
    assertTrue(release.contains("\"soak 24h\""), release.toString());

    List<String> region = summaries(spec.regionWorkflowId("us-east"));
    for (String expected :
        List.of(
            "\"checkout 2.4.0 in us-east (canary, 5 stages)\"",
            "\"deploy ghcr.io/acme/checkout:2.4.0 beside stable in us-east\"",
            "\"shift us-east to 50%\"",
            "\"observe us-east stage 3 at 50% for 5m\"",
            "\"window us-east stage 3 at 50% for 5m\"",
            "\"promote 2.4.0 to checkout in us-east\"")) {
      assertTrue(region.contains(expected), expected + " in " + region);
    }
  }
}
