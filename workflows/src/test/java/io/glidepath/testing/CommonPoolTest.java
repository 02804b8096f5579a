package io.glidepath.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Time keeps skipping on the test server while a common-pool worker is busy. The Java test server
 * starts child workflows and tells parents of their ends on {@link ForkJoinPool#commonPool()},
 * holding its time-skipping lock meanwhile; on a 2-core machine that pool has one worker, so
 * anything else that held it (for as long as a test's blocker) made an hour's timer take real time,
 * and a release test hang. The build gives the tests' JVMs a pool of 4 (the surefire {@code
 * argLine} in the parent pom); this test fails without it.
 */
class CommonPoolTest {
  @WorkflowInterface
  public interface Parent {
    @WorkflowMethod
    String run();
  }

  @WorkflowInterface
  public interface Child {
    @WorkflowMethod
    String run();
  }

  public static class ParentImpl implements Parent {
    @Override
    public String run() {
      Child child =
          Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.newBuilder().build());
      Promise<String> result = Async.function(child::run);
      Workflow.getWorkflowExecution(child).get(); // the child's start goes through the pool
      return result.get();
    }
  }

  public static class ChildImpl implements Child {
    @Override
    public String run() {
      Workflow.sleep(Duration.ofHours(2));
      return "slept";
    }
  }

  @Test
  void anHourSkipsWhileACommonPoolWorkerIsBusy() throws Exception {
    assertTrue(
        ForkJoinPool.getCommonPoolParallelism() >= 2,
        "the tests' JVM has a common pool of "
            + ForkJoinPool.getCommonPoolParallelism()
            + ": run them through Maven (its surefire argLine sets 4)");
    CountDownLatch release = new CountDownLatch(1);
    // Something else in the JVM holds one common-pool worker for the whole test.
    ForkJoinPool.commonPool()
        .execute(
            () -> {
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("pool");
      worker.registerWorkflowImplementationTypes(ParentImpl.class, ChildImpl.class);
      env.start();
      Parent parent =
          env.getWorkflowClient()
              .newWorkflowStub(
                  Parent.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue("pool")
                      .setWorkflowId("parent")
                      .build());
      WorkflowClient.start(parent::run);
      long started = System.nanoTime();
      env.sleep(Duration.ofHours(1));
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      // Skipped, an hour takes milliseconds; stalled, it takes until the blocker lets go (60 s).
      assertTrue(
          tookMillis < 30_000, "an hour of test time took " + tookMillis + " ms of wall time");
      assertEquals(
          "slept", WorkflowStub.fromTyped(parent).getResult(30, TimeUnit.SECONDS, String.class));
    } finally {
      release.countDown();
    }
  }
}
