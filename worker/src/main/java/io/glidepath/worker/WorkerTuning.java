package io.glidepath.worker;

import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's options, one place for the worker and the bench that sized them ({@code bench
 * --capacity ... --server}, figures in docs/performance.md).
 */
public final class WorkerTuning {
  private static final Logger log = LoggerFactory.getLogger(WorkerTuning.class);

  /**
   * Activity slots: a release holds one per region observing (a heartbeating activity for the whole
   * window), so three per three-region parallel release.
   */
  public static final int ACTIVITY_SLOTS = 200;

  /** Workflow task slots. */
  public static final int WORKFLOW_TASK_SLOTS = 200;

  private WorkerTuning() {}

  /**
   * Worker options for the server found. A real server moves a workflow whose worker died off that
   * worker's sticky queue after the sticky timeout; the embedded test server (it reports no server
   * version) never does, so a release held by a killed worker would wait forever. Against it the
   * worker asks for no sticky execution, and every workflow task goes to the shared queue.
   */
  public static WorkerOptions options(boolean testServer) {
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(ACTIVITY_SLOTS)
            .setMaxConcurrentWorkflowTaskExecutionSize(WORKFLOW_TASK_SLOTS);
    if (testServer) {
      log.info("embedded test server: no sticky execution, so another worker can take over");
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return options.build();
  }

  /** The options in a few words, for the bench's report. */
  public static String describe() {
    return ACTIVITY_SLOTS
        + " activity slots, "
        + WORKFLOW_TASK_SLOTS
        + " workflow task slots, sticky execution on";
  }
}
