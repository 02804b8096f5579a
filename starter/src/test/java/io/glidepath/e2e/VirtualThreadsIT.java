package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import io.glidepath.e2e.ReleaseEndToEndIT.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker on a JVM with virtual threads (Java 21 or later: Temurin 25 on these machines) says so
 * at start and runs a release to the end on them, against the real Temporal server. The build and
 * the other tests stay on Java 17, the floor. Skipped, saying why, where no such JVM is found
 * ({@code GLIDEPATH_JAVA21} names one).
 */
class VirtualThreadsIT {
  static final int HTTP_PORT = 18088;

  @TempDir Path dir;

  @Test
  void aReleaseRunsToTheEndOnVirtualThreads() throws Exception {
    Optional<Path> java = javaWithVirtualThreads();
    Assumptions.assumeTrue(
        java.isPresent(), "no Java 21 or later under /usr/lib/jvm or in GLIDEPATH_JAVA21");
    Target target = new Target(DevServers.shared().address(), DevServers.VIRTUAL);
    Path log = dir.resolve("worker.log");
    Process worker = ReleaseEndToEndIT.worker(java.get().toString(), target, log, HTTP_PORT);
    try {
      ReleaseEndToEndIT.awaitReady(HTTP_PORT, log);
      ReleaseEndToEndIT.awaitLog(log, "worker threads: virtual (Java ");
      Path spec = dir.resolve("cart.yaml");
      Files.writeString(
          spec,
          """
          service: cart
          version: 1.1.0
          image: ghcr.io/acme/cart:1.1.0
          regions:
            - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: cart},
               traffic: {type: gateway-api, route: cart, stableBackend: cart, canaryBackend: cart-canary}}
          strategy:
            canary:
              stages:
                - {weight: 50%, hold: 4s}  # 4 s: a new version's first rate needs two 1 s scrapes after its first request
                - {weight: 100%, hold: 2s}
          analysis: {interval: 1s}
          soak: 0s
          """);
      Run start = ReleaseEndToEndIT.cli(target, "release", "start", "-f", spec.toString());
      assertEquals(0, start.exit(), start.out());
      Run watch = ReleaseEndToEndIT.cli(target, "release", "watch", "cart", "--every", "1s");
      assertEquals(0, watch.exit(), "completed on virtual threads: " + watch.out());
      assertTrue(watch.out().contains("completed"), watch.out());
    } finally {
      worker.destroy();
      assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker stops on SIGTERM");
    }
  }

  /**
   * A {@code java} of version 21 or later: GLIDEPATH_JAVA21, else the newest under /usr/lib/jvm.
   */
  static Optional<Path> javaWithVirtualThreads() throws IOException {
    String named = System.getenv("GLIDEPATH_JAVA21");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> feature(home) >= 21 && Files.isExecutable(home.resolve("bin/java")))
          .max(Comparator.comparingInt(VirtualThreadsIT::feature))
          .map(home -> home.resolve("bin/java"));
    }
  }

  /** The feature version a JDK's {@code release} file states, or 0. */
  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring(line.indexOf('"') + 1);
          return Integer.parseInt(v.split("[.\"]")[0]);
        }
      }
    } catch (IOException | RuntimeException notAJdk) {
      // not a JDK home
    }
    return 0;
  }
}
