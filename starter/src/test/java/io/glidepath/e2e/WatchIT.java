package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import io.glidepath.e2e.ReleaseEndToEndIT.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release watch} against the dev stack, as a person sees it on a terminal (a pseudo-terminal
 * from util-linux {@code script}: one block redrawn in place, the window's countdown moving, the
 * footer with the command that approves the open gate) and as a CI log sees it through a pipe
 * (timestamped lines, a heartbeat while nothing changes). What it wrote is kept in {@code
 * target/watch/}.
 */
class WatchIT {
  static final int HTTP_PORT = 18086;
  static final Pattern COUNTDOWN = Pattern.compile("window \\[[#.]{10}\\] (\\d+)s left");
  static final Pattern STAMPED = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  .+");

  static Process worker;
  static Target target;
  @TempDir static Path dir;

  @BeforeAll
  static void startWorker() throws Exception {
    target = new Target(DevServers.shared().address(), DevServers.WATCH);
    worker = ReleaseEndToEndIT.worker(target, dir.resolve("worker.log"), HTTP_PORT);
    ReleaseEndToEndIT.awaitReady(HTTP_PORT, dir.resolve("worker.log"));
  }

  @AfterAll
  static void stopWorker() throws Exception {
    if (worker != null) {
      worker.destroy();
      worker.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /**
   * One region of a sandbox service: a first stage of {@code hold} behind a gate, then {@code
   * last}. The tests approve the gate once watch shows it, so the window starts while watch is
   * already watching, however long its JVM took to start.
   */
  static String spec(String service, String hold, String last) throws IOException {
    Path file = dir.resolve(service + ".yaml");
    Files.writeString(
        file,
        """
        service: %1$s
        version: 1.1.0
        image: ghcr.io/acme/%1$s:1.1.0
        regions:
          - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: %1$s},
             traffic: {type: gateway-api, route: %1$s, stableBackend: %1$s, canaryBackend: %1$s-canary}}
        strategy:
          canary:
            stages:
              - {weight: 20%%, hold: %2$s, gate: true}
              - %3$s
        analysis: {interval: 1s}
        approval: {approvers: anyone}
        soak: 0s
        """
            .formatted(service, hold, last));
    return file.toString();
  }

  /** A process whose output is collected as it comes. */
  record Watching(Process process, StringBuffer out) {
    static Watching start(ProcessBuilder pb) throws IOException {
      pb.redirectErrorStream(true).environment().putAll(target.env());
      Process p = pb.start();
      StringBuffer out = new StringBuffer();
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = p.getInputStream()) {
                  byte[] buf = new byte[4096];
                  for (int n; (n = in.read(buf)) > 0; ) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                  }
                } catch (IOException ended) {
                  // the process is gone
                }
              });
      reader.setDaemon(true);
      reader.start();
      return new Watching(p, out);
    }

    void await(String text) throws InterruptedException {
      for (int i = 0; i < 240 && !out.toString().contains(text); i++) {
        Thread.sleep(250);
      }
      assertTrue(out.toString().contains(text), "never showed '" + text + "':\n" + out);
    }

    int exit() throws InterruptedException {
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "watch did not end:\n" + out);
      Thread.sleep(200); // the last bytes
      return process.exitValue();
    }
  }

  /** Waits until watch offers to approve {@code gate}, then approves it as bob. */
  static void approveOnceShown(Watching watch, String service, String gate) throws Exception {
    watch.await("release approve " + service + " --gate " + gate);
    Run approved =
        ReleaseEndToEndIT.cli(target, "release", "approve", service, "--gate", gate, "--by", "bob");
    assertEquals(0, approved.exit(), approved.out());
  }

  static void start(String spec) throws Exception {
    Run start = ReleaseEndToEndIT.cli(target, "release", "start", "-f", spec, "--by", "alice");
    assertEquals(0, start.exit(), start.out());
  }

  /** Keeps what watch wrote in {@code target/watch/} for a person to look at; returns it. */
  static String keep(String name, String out) throws IOException {
    Path kept = Path.of("target/watch").resolve(name);
    Files.createDirectories(kept.getParent());
    Files.writeString(kept, out);
    return out;
  }

  static String cli() {
    return "java -jar " + ReleaseEndToEndIT.CLI.toAbsolutePath();
  }

  @Test
  void onATerminalOneBlockIsRedrawnWithAMovingCountdownAndTheApproveCommand() throws Exception {
    start(spec("cart", "12s", "{weight: 100%, hold: 2s, gate: true}"));
    ProcessBuilder pty =
        new ProcessBuilder(
            "script", "-qefc", cli() + " release watch cart --every 1s", "/dev/null");
    pty.environment().remove("NO_COLOR");
    pty.environment().put("TERM", "xterm");
    Watching watch = Watching.start(pty);
    approveOnceShown(watch, "cart", "stage:us-east:1");
    String approve =
        "approve: glidepath release approve cart --gate stage:us-east:2 --by <your-name>";
    watch.await(approve);
    Run approved =
        ReleaseEndToEndIT.cli(
            target, "release", "approve", "cart", "--gate", "stage:us-east:2", "--by", "bob");
    assertEquals(0, approved.exit(), approved.out());
    assertEquals(0, watch.exit(), watch.out().toString());

    String out = keep("terminal.txt", watch.out().toString());
    assertTrue(out.contains("cart 1.1.0 completed."), out);
    assertTrue(
        Pattern.compile("\r\u001b\\[\\d+A\u001b\\[2K").matcher(out).find(), "redrawn in place");
    assertTrue(out.contains("\u001b[1mcart 1.1.0"), "the header in bold without NO_COLOR");
    assertTrue(out.contains("elapsed "), out);
    assertTrue(out.contains("us-east    observing"), out);
    TreeSet<Integer> left = new TreeSet<>();
    Matcher m = COUNTDOWN.matcher(out);
    while (m.find()) {
      left.add(Integer.parseInt(m.group(1)));
    }
    assertTrue(left.size() >= 4, "the 12s window counts down second by second: " + left);
    assertTrue(left.last() - left.first() >= 4, "the countdown moves: " + left);
  }

  @Test
  void throughAPipeEachChangeIsATimestampedLineAndAHeartbeatComesWhenNothingChanges()
      throws Exception {
    start(spec("checkout", "12s", "{weight: 100%, hold: 1s}"));
    ProcessBuilder pipe =
        new ProcessBuilder(
            List.of(
                "java",
                "-jar",
                ReleaseEndToEndIT.CLI.toString(),
                "release",
                "watch",
                "checkout",
                "--every",
                "1s",
                "--heartbeat",
                "3s"));
    Watching watch = Watching.start(pipe);
    approveOnceShown(watch, "checkout", "stage:us-east:1");
    assertEquals(0, watch.exit(), watch.out().toString());
    String out = keep("log.txt", watch.out().toString());
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    for (String line : lines) {
      assertTrue(STAMPED.matcher(line).matches(), "timestamped: '" + line + "'\n" + out);
    }
    assertFalse(out.contains("\u001b"), "no escape codes in a log:\n" + out);
    assertTrue(out.contains("us-east observing stage 1/2 20%  window of 12s until "), out);
    long heartbeats = lines.stream().filter(l -> l.substring(22).startsWith("still ")).count();
    assertTrue(heartbeats >= 2, "a heartbeat every 3s through the 12s window:\n" + out);
    assertTrue(out.contains("checkout 1.1.0 completed."), out);

    // analyze, while the dev stack runs, asks its Prometheus and says so.
    Run analyze =
        ReleaseEndToEndIT.cli(
            target, "analyze", "-f", spec("checkout", "1s", "{weight: 100%, hold: 1s}"));
    assertTrue(
        analyze.out().startsWith("Prometheus http://127.0.0.1:")
            && analyze.out().contains("(the dev stack's "),
        analyze.out());
    assertTrue(analyze.exit() == 0 || analyze.exit() == 1, "it could judge: " + analyze.out());
  }
}
