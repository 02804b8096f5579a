package io.glidepath.cli;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A release whose worker was killed while it waited at a gate: every read command answers within
 * seconds that no worker polls, with what the server last recorded, and an approval is refused
 * rather than left hanging; never an SDK identifier as the message.
 */
class WorkerKilledCommandLineTest {
  static final long FAST_MILLIS = 5_000;
  static WithWorker w;

  @BeforeAll
  static void releaseWaitingAtAGateThenWorkerKilled() throws Exception {
    w = new WithWorker();
    Path file = Files.createTempFile("cart", ".yaml");
    Files.writeString(
        file,
        WithWorker.yaml(
            "cart",
            "2.4.0",
            "approval: {gates: [release], required: {sre: 1}, approvers: {bob: [sre]}}\n",
            "us-east"));
    w.ok("release", "start", "-f", file.toString());
    w.await("cart", s -> !s.pendingApprovals().isEmpty(), Duration.ofSeconds(60));
    w.factory.shutdownNow();
    w.factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  static WithWorker.Run timed(String... args) {
    long start = System.nanoTime();
    WithWorker.Run r = w.run(args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < FAST_MILLIS, () -> String.join(" ", args) + " took " + millis + " ms");
    return r;
  }

  static void assertNoWorkerSaid(WithWorker.Run r) {
    System.out.println(r.all()); // what a person sees, in the test report
    assertEquals(ExitCodes.UNREACHABLE, r.code(), r::all);
    assertContains(r.err(), "no worker is polling");
    assertContains(r.err(), "last recorded state");
    assertFalse(r.all().contains("workflowId='"), r::all);
    assertFalse(r.all().contains("\tat "), r::all);
  }

  @Test
  void statusAndHistorySayNoWorkerPollsAndTheLastRecordedState() {
    assertNoWorkerSaid(timed("release", "status", "cart"));
    assertNoWorkerSaid(timed("release", "history", "cart"));
  }

  @Test
  void anApprovalIsRefusedWithinSecondsNeverLeftHanging() {
    WithWorker.Run r = timed("release", "approve", "cart", "--gate", "release", "--by", "bob");
    assertNoWorkerSaid(r);
    assertContains(r.err(), "the approval was not sent");
  }

  @Test
  void watchSaysNoWorkerPollsWithinSecondsAndKeepsWaiting() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread watch =
        new Thread(
            () -> {
              CommandLine cli = GlidepathCommand.commandLine();
              cli.setOut(new PrintWriter(out, true));
              cli.setErr(new PrintWriter(err, true));
              cli.execute("release", "watch", "cart", "--address", w.address);
            });
    watch.setDaemon(true); // it waits for a worker; the server's end ends it
    long start = System.nanoTime();
    watch.start();
    while (!out.toString().contains("no worker is polling")
        && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(FAST_MILLIS)) {
      Thread.sleep(100);
    }
    String printed = out + "" + err;
    assertContains(printed, "no worker is polling");
    assertContains(printed, "last recorded state");
    assertFalse(printed.contains("workflowId='"), printed);
    assertTrue(watch.isAlive(), "watch keeps waiting for a worker:\n" + printed);
  }
}
