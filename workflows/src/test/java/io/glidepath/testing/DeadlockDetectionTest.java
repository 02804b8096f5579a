package io.glidepath.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The tests' longer deadlock detection ({@link Harness#DEADLOCK_DETECTION}) still catches a real
 * deadlock: a workflow thread that blocks for good fails its workflow task with TMPRL1101.
 */
class DeadlockDetectionTest {
  static final CountDownLatch NEVER = new CountDownLatch(1);

  @WorkflowInterface
  public interface Stuck {
    @WorkflowMethod
    void run();
  }

  public static class StuckImpl implements Stuck {
    @Override
    public void run() {
      try {
        NEVER.await(); // a real deadlock: blocks outside Temporal's control
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aRealDeadlockIsStillDetected() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    CountDownLatch failed = new CountDownLatch(1);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // Same mechanism as Harness.workerOptions(), with a short timeout so the test is quick.
      Worker worker =
          env.newWorker(
              "stuck",
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(1_000).build());
      worker.registerWorkflowImplementationTypes(StuckImpl.class);
      env.start();
      Stuck stuck =
          env.getWorkflowClient()
              .newWorkflowStub(
                  Stuck.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue("stuck")
                      .setWorkflowTaskTimeout(Duration.ofSeconds(60))
                      .build());
      WorkflowClient.start(stuck::run);
      String id = WorkflowStubs.id(stuck);
      for (int i = 0; i < 100 && failed.getCount() > 0; i++) {
        var history = env.getWorkflowClient().fetchHistory(id);
        history.getEvents().stream()
            .filter(e -> e.hasWorkflowTaskFailedEventAttributes())
            .findFirst()
            .ifPresent(
                e -> {
                  StringBuilder chain = new StringBuilder();
                  for (var f = e.getWorkflowTaskFailedEventAttributes().getFailure();
                      f != null;
                      f = f.hasCause() ? f.getCause() : null) {
                    chain.append(f.getMessage()).append('\n').append(f.getStackTrace());
                  }
                  seen.set(new AssertionError(chain.toString()));
                  failed.countDown();
                });
        failed.await(200, TimeUnit.MILLISECONDS);
      }
    } finally {
      NEVER.countDown();
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertTrue(seen.get() != null, "no workflow task failed");
    assertTrue(
        seen.get().getMessage().contains("PotentialDeadlockException")
            || seen.get().getMessage().contains("TMPRL1101"),
        seen.get().getMessage());
  }

  /** The workflow id behind a typed stub. */
  static final class WorkflowStubs {
    static String id(Object stub) {
      return io.temporal.client.WorkflowStub.fromTyped(stub).getExecution().getWorkflowId();
    }
  }
}
