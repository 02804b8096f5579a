package io.glidepath.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import io.temporal.worker.tuning.ResourceBasedControllerOptions;
import io.temporal.worker.tuning.ResourceBasedSlotOptions;
import io.temporal.worker.tuning.ResourceBasedTuner;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's options, one place for the worker and the bench that sized them ({@code bench
 * --capacity ... --server}, figures in docs/performance.md).
 *
 * <p>Two modes, chosen by the JVM. On Java 21 and later (virtual threads) workflow threads and
 * activities run on virtual threads, and slots are sized by the machine's resources: an observing
 * region holds an activity slot for its whole window, asleep, which costs a virtual thread only, so
 * the cap grows past today's 200 while memory and CPU allow. On Java 17 the worker keeps platform
 * threads and fixed slots. The startup log says which mode runs.
 */
public final class WorkerTuning {
  private static final Logger log = LoggerFactory.getLogger(WorkerTuning.class);

  /**
   * Activity slots: a release holds one per region observing (a heartbeating activity for the whole
   * window), so three per three-region parallel release. The fixed size on platform threads, the
   * floor on virtual threads.
   */
  public static final int ACTIVITY_SLOTS = 200;

  /** Workflow task slots: the fixed size on platform threads, the floor on virtual threads. */
  public static final int WORKFLOW_TASK_SLOTS = 200;

  /** On virtual threads: at most this many activities at once (about 1,600 releases observing). */
  public static final int MAX_VIRTUAL_ACTIVITY_SLOTS = 5000;

  /** On virtual threads: at most this many workflow tasks at once. */
  public static final int MAX_VIRTUAL_WORKFLOW_TASK_SLOTS = 1000;

  /** On virtual threads: workflows kept in the cache (four per release). */
  public static final int VIRTUAL_WORKFLOW_CACHE = 2000;

  /** On virtual threads: workflow threads at most (a cached workflow holds one to a few). */
  static final int VIRTUAL_WORKFLOW_THREADS = 10_000;

  /** On virtual threads: pollers from 1 to 100 as the server's backlog asks, starting with 5. */
  static final PollerBehaviorAutoscaling AUTOSCALING_POLLERS =
      new PollerBehaviorAutoscaling(1, 100, 5);

  /** The share of the heap and of the CPU beyond which no slot is added above the floor. */
  static final double TARGET_MEMORY = 0.8;

  static final double TARGET_CPU = 0.9;

  private WorkerTuning() {}

  /** Whether this JVM runs virtual threads (Java 21 and later). */
  public static boolean virtualThreads() {
    return Runtime.version().feature() >= 21;
  }

  /** The factory's options: workflow threads on virtual threads when the JVM has them. */
  public static WorkerFactoryOptions factoryOptions() {
    WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder();
    if (virtualThreads()) {
      // A release is four cached workflows; the SDK's 600 left 200 releases missing the cache
      // (89% sticky hits, each miss a replay of the whole history). Cached workflows cost heap
      // only on virtual threads, so the cache and its threads are sized for 500 releases.
      options
          .setUsingVirtualWorkflowThreads(true)
          .setWorkflowCacheSize(VIRTUAL_WORKFLOW_CACHE)
          .setMaxWorkflowThreadCount(VIRTUAL_WORKFLOW_THREADS);
    }
    return options.build();
  }

  /**
   * Worker options for the server found. A real server moves a workflow whose worker died off that
   * worker's sticky queue after the sticky timeout; the embedded test server (it reports no server
   * version) never does, so a release held by a killed worker would wait forever. Against it the
   * worker asks for no sticky execution, and every workflow task goes to the shared queue.
   */
  public static WorkerOptions options(boolean testServer) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (virtualThreads()) {
      options
          .setUsingVirtualThreads(true)
          .setWorkerTuner(resourceBased())
          // Pollers as the server's backlog asks, from 1 to 100: with a fixed 5 the workflow
          // tasks of 80 releases waited seconds for a free poller (bench --capacity --server).
          .setWorkflowTaskPollersBehavior(AUTOSCALING_POLLERS)
          .setActivityTaskPollersBehavior(AUTOSCALING_POLLERS);
    } else {
      options
          .setMaxConcurrentActivityExecutionSize(ACTIVITY_SLOTS)
          .setMaxConcurrentWorkflowTaskExecutionSize(WORKFLOW_TASK_SLOTS);
    }
    if (testServer) {
      log.info("embedded test server: no sticky execution, so another worker can take over");
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    log.info("worker threads: {}", describe());
    return options.build();
  }

  /**
   * Slots sized by resources, never fewer than the fixed sizes of platform threads: above the floor
   * a slot is added while the heap and the CPU stay under their targets.
   */
  private static ResourceBasedTuner resourceBased() {
    return ResourceBasedTuner.newBuilder()
        .setControllerOptions(
            ResourceBasedControllerOptions.newBuilder(TARGET_MEMORY, TARGET_CPU).build())
        .setActivitySlotOptions(
            ResourceBasedSlotOptions.newBuilder()
                .setMinimumSlots(ACTIVITY_SLOTS)
                .setMaximumSlots(MAX_VIRTUAL_ACTIVITY_SLOTS)
                .setRampThrottle(Duration.ofMillis(10))
                .build())
        .setWorkflowSlotOptions(
            ResourceBasedSlotOptions.newBuilder()
                .setMinimumSlots(WORKFLOW_TASK_SLOTS)
                .setMaximumSlots(MAX_VIRTUAL_WORKFLOW_TASK_SLOTS)
                .setRampThrottle(Duration.ofMillis(10))
                .build())
        .build();
  }

  /** The mode and its slots in a few words, for the startup log and the bench's report. */
  public static String describe() {
    String java = "Java " + Runtime.version().feature();
    return virtualThreads()
        ? "virtual ("
            + java
            + "): workflow threads and activities on virtual threads; slots by resources, "
            + ACTIVITY_SLOTS
            + " to "
            + MAX_VIRTUAL_ACTIVITY_SLOTS
            + " activity and "
            + WORKFLOW_TASK_SLOTS
            + " to "
            + MAX_VIRTUAL_WORKFLOW_TASK_SLOTS
            + " workflow task slots (heap under "
            + Math.round(TARGET_MEMORY * 100)
            + "%, CPU under "
            + Math.round(TARGET_CPU * 100)
            + "%); pollers autoscaled 1 to 100; workflow cache "
            + VIRTUAL_WORKFLOW_CACHE
            + "; sticky execution on"
        : "platform ("
            + java
            + "): "
            + ACTIVITY_SLOTS
            + " activity slots, "
            + WORKFLOW_TASK_SLOTS
            + " workflow task slots, sticky execution on; run on Java 21 or later for virtual"
            + " threads";
  }
}
