package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.Approval;
import io.glidepath.status.ReleasePhase;
import io.glidepath.testing.Harness;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history a full release costs, printed, and the bound every workflow run must keep. With
 * {@code -Dglidepath.recordHistories=true} it also writes the histories the replay test reads.
 */
class HistorySizeTest {
  /** Every workflow run must stay at or below this many events. */
  static final int MAX_EVENTS = 1_000;

  static final Path HISTORIES = Path.of("src", "test", "resources", "histories");
  private static final List<String> WORKFLOWS =
      List.of(
          "release-checkout",
          "release-checkout-us-east",
          "release-checkout-eu-west",
          "release-checkout-apac");

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aFullThreeRegionReleaseStaysWithinTheHistoryBound() throws Exception {
    // The reference release: seed canary (5 min holds, 30 min bake), 10 s checks,
    // 90 min delays and a 24 h soak.
    ReleaseSpec spec =
        Harness.spec(
            "rollout: {mode: delayed, delay: 90m}\nanalysis: {interval: 10s}\nsoak: 24h\n");
    long started = System.nanoTime();
    h.start(spec);
    assertEquals(ReleasePhase.COMPLETED, h.result(spec).phase());
    long wallMillis = (System.nanoTime() - started) / 1_000_000;

    System.out.printf(
        "history of a full release (wall time %d ms with time skipping)%n", wallMillis);
    for (String id : WORKFLOWS) {
      WorkflowExecutionHistory history = h.client.fetchHistory(id);
      int events = history.getEvents().size();
      System.out.printf("  %-28s %5d events%n", id, events);
      assertTrue(events <= MAX_EVENTS, id + " has " + events + " events, over " + MAX_EVENTS);
      record("completed-" + id, history);
    }
  }

  @Test
  void aGatedReleaseWithARollbackInRegionTwo() throws Exception {
    h.world.breach("eu-west", 50, "error-rate", 0.04);
    ReleaseSpec spec =
        Harness.spec(
            "approval: {gates: [release], approvers: {bob: [sre]}, required: {sre: 1}}\nsoak: 2h\n");
    ReleaseWorkflow release = h.start(spec);
    h.awaitStatus(release, s -> !s.pendingApprovals().isEmpty(), Duration.ofMinutes(1));
    release.approve(new Approval(null, "bob", "sre", "go"));
    assertEquals(ReleasePhase.FAILED, h.result(spec).phase());
    for (String id : WORKFLOWS.subList(0, 3)) {
      record("rollback-" + id, h.client.fetchHistory(id));
    }
  }

  private static void record(String name, WorkflowExecutionHistory history) throws Exception {
    if (Boolean.getBoolean("glidepath.recordHistories")) {
      Files.createDirectories(HISTORIES);
      Files.writeString(HISTORIES.resolve(name + ".json"), history.toJson(true));
    }
  }
}
