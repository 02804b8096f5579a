package io.glidepath.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shipped worker jar (and so the image built from it) holds production code only: no test
 * fixture of any module, no test server, no mock API server, no dev stack.
 */
class WorkerJarIT {
  static final Path JAR = Path.of("target/glidepath-worker.jar");

  /** Class-path prefixes that only tests and the dev stack may carry. */
  static final List<String> FORBIDDEN =
      List.of(
          "io/glidepath/devstack/", // the sandbox, dev servers, demo and bench
          "io/glidepath/sandbox/", // workflows' test-jar: the in-memory world
          "io/glidepath/testing/", // workflows' test-jar: Harness, Ports
          "io/glidepath/kubernetes/SampleService", // activities' test-jar
          "io/glidepath/kubernetes/SimulatedController",
          "io/temporal/testing/", // temporal-testing
          "io/temporal/testserver/", // the in-process test server
          // the test server's service (temporal-serviceclient itself ships an in-process gRPC
          // helper under this package: that one is production code of the SDK)
          "io/temporal/internal/testservice/Test",
          "io/fabric8/kubernetes/client/server/mock/", // the mock API server
          "io/fabric8/mockwebserver/",
          "okhttp3/mockwebserver",
          "mockwebserver3/",
          "org/junit/",
          "application-sandbox.yml",
          "demo-release.yaml");

  @Test
  void holdsNoTestFixtureNoTestServerAndNoMockServer() throws IOException {
    assertTrue(Files.exists(JAR), "package first: " + JAR);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> entries =
          Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
      assertTrue(
          entries.contains("io/glidepath/worker/WorkerMain.class"), "the worker itself is there");
      List<String> found =
          entries.stream().filter(e -> FORBIDDEN.stream().anyMatch(e::startsWith)).toList();
      assertFalse(
          !found.isEmpty(),
          () ->
              found.size()
                  + " test or dev entries in the worker jar, first: "
                  + found.subList(0, Math.min(10, found.size())));
    }
  }
}
