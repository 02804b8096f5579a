package io.glidepath.cli.common;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the CLI tells a release no worker answers for, and an SDK error, in words. */
class WorkersTest {
  static final WorkflowExecution CART =
      WorkflowExecution.newBuilder().setWorkflowId("release-cart").build();

  @Test
  void aWorkerTheServerStillListsButThatDoesNotAnswerIsSaidToBeGone() {
    Instant now = Instant.parse("2026-12-02T13:00:00Z");
    String why = Workers.silent("release-cart", now.minusSeconds(41), now);
    assertContains(why, "no worker is polling the glidepath-releases task queue");
    assertContains(why, "none answered for release-cart within 2 s");
    assertContains(why, "last saw a worker poll 41s ago");
  }

  @Test
  void aDeadlineOrACancelledCallDeepInTheCauseIsNoWorker() {
    var deep =
        new WorkflowServiceException(
            CART,
            "ReleaseWorkflow",
            new RuntimeException(new StatusRuntimeException(Status.CANCELLED)));
    assertEquals(ExitCodes.UNREACHABLE, ExitCodes.of(deep));
    assertContains(ExitCodes.message(deep), "no worker is polling");
  }

  @Test
  void anSdkErrorIsToldInWordsNeverAsTheExecutionsIdentifiers() {
    var other =
        new WorkflowServiceException(
            CART, "ReleaseWorkflow", new StatusRuntimeException(Status.INTERNAL));
    String message = ExitCodes.message(other);
    assertFalse(message.contains("workflowId='"), message);
    assertContains(message, "release-cart");
    assertContains(message, "INTERNAL");
  }
}
