package io.glidepath.cli;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glidepath.status.ReleasePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which delays a release may take: a real release's 30m to 4h, the sandbox's seconds with {@code
 * release start --sandbox} when a sandbox answers, and days when the spec widens the range.
 */
class SandboxLimitsTest {
  static WithWorker w;
  @TempDir static Path dir;
  @StartStop final MockWebServer sandbox = new MockWebServer();

  @BeforeAll
  static void start() throws Exception {
    w = new WithWorker();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  private static String spec(String service, String rollout) throws Exception {
    Path file = dir.resolve(service + ".yaml");
    Files.writeString(
        file,
        WithWorker.yaml(
                service,
                "1.1.0",
                "strategy: {canary: {stages: [{weight: 100, hold: 1s}]}}\n",
                "us-east",
                "eu-west")
            .replace("rollout: {mode: parallel}", rollout));
    return file.toString();
  }

  @Test
  void validateSaysWhichLimitsItApplied() throws Exception {
    String file = spec("limits", "rollout: {mode: delayed, delay: 45m}");
    assertContains(
        w.ok("release", "validate", "-f", file).out(),
        "checked within a real release's limits: rollout.delay 30m to 4h");
    assertContains(
        w.ok("release", "validate", "-f", file, "--sandbox").out(),
        "checked within the sandbox's limits: rollout.delay 5s to 4h");
    String widened = spec("widened", "rollout: {mode: delayed, delay: 2d, maxDelay: 3d}");
    assertContains(
        w.ok("release", "validate", "-f", widened).out(),
        "rollout.delay 30m to 3d (widened by rollout.maxDelay)");
    var tooLong =
        w.run("release", "validate", "-f", spec("long", "rollout: {mode: delayed, delay: 2d}"));
    assertEquals(2, tooLong.code(), tooLong::all);
    assertContains(tooLong.err(), "widen the range with rollout.maxDelay");
    assertContains(tooLong.err(), "checked within a real release's limits");
  }

  @Test
  void aShortDelayStartsOnlyOnTheSandboxAndOnlyWhenAsked() throws Exception {
    String file = spec("quick", "rollout: {mode: delayed, delay: 5s}");
    var real = w.run("release", "start", "-f", file);
    assertEquals(2, real.code(), real::all);
    assertContains(real.err(), "rollout.delay: 5s is outside 30m to 4h");
    assertContains(real.err(), "release start --sandbox");

    var none =
        w.run("release", "start", "-f", file, "--sandbox", "--sandbox-url", "http://127.0.0.1:1");
    assertEquals(2, none.code(), none::all);
    assertContains(none.err(), "--sandbox: no sandbox answers at http://127.0.0.1:1");

    sandbox.enqueue(new MockResponse.Builder().body("{\"clusters\": {}}").build());
    w.ok("release", "start", "-f", file, "--sandbox", "--sandbox-url", sandbox.url("/").toString());
    assertEquals("/sandbox", sandbox.takeRequest().getTarget());
    var ended = w.await("quick", s -> s.phase().finished(), Duration.ofSeconds(60));
    assertEquals(ReleasePhase.COMPLETED, ended.phase(), ended.toString());
    assertContains(w.ok("release", "history", "quick").out(), "5s while us-east stays watched");
  }
}
