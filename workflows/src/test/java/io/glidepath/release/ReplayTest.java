package io.glidepath.release;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.glidepath.region.RegionRolloutWorkflowImpl;
import io.glidepath.testing.Harness;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded histories of representative releases against today's workflow code. A change
 * that would break a running release fails here: gate it with {@code Workflow.getVersion}.
 */
class ReplayTest {

  static List<File> histories() throws Exception {
    try (Stream<Path> files = Files.list(HistorySizeTest.HISTORIES)) {
      List<File> found =
          files.filter(f -> f.toString().endsWith(".json")).map(Path::toFile).sorted().toList();
      assertFalse(found.isEmpty(), "no recorded histories in " + HistorySizeTest.HISTORIES);
      return found;
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void recordedHistoriesStillReplay(File history) throws Exception {
    // The replayer's own worker has the SDK's 1s deadlock detection, which a busy machine trips
    // without any deadlock (TMPRL1101); replay on a worker with the tests' detection timeout.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay", Harness.workerOptions());
      worker.registerWorkflowImplementationTypes(
          ReleaseWorkflowImpl.class, RegionRolloutWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowExecutionHistory.fromJson(Files.readString(history.toPath())), worker);
    }
  }
}
