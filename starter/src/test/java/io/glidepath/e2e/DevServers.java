package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.glidepath.devstack.servers.CliDevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The Temporal CLI's dev server for the end-to-end tests: one shared by every test class of the run
 * (its Web UI on, its state in {@code target/it-temporal/shared.db}, one namespace per test class
 * so their releases never meet), started on first use and stopped when the test JVM exits, and
 * private ones for tests that kill the server. Without the CLI a test fails under {@code CI=true}
 * and is skipped, saying why, elsewhere.
 */
final class DevServers {
  /** The namespaces of the shared server, one per test class. */
  static final String END_TO_END = "e2e";

  static final String WORKER_KILLED = "worker-killed";
  static final String WEB_UI = "web-ui";
  static final String CONSECUTIVE = "consecutive";
  static final String WATCH = "watch";
  static final String REVERT = "revert";
  static final String VIRTUAL = "virtual";
  static final String ENVIRONMENTS = "environments";

  static final Path DIR = Path.of("target/it-temporal").toAbsolutePath();

  private static CliDevServer shared;

  private DevServers() {}

  /** The shared dev server, started on first use. */
  static synchronized CliDevServer shared() throws IOException {
    if (shared == null) {
      Path db = DIR.resolve("shared.db");
      Files.createDirectories(DIR);
      Files.deleteIfExists(db);
      shared =
          CliDevServer.create(
                  cli(),
                  db,
                  0,
                  0,
                  List.of(
                      END_TO_END,
                      WORKER_KILLED,
                      WEB_UI,
                      CONSECUTIVE,
                      WATCH,
                      REVERT,
                      VIRTUAL,
                      ENVIRONMENTS),
                  log("shared"))
              .start(Duration.ofSeconds(90));
    }
    return shared;
  }

  /**
   * A headless dev server of the caller's own on free ports, keeping its state in {@code
   * DIR/<name>.db} (a new file); the caller starts, kills and closes it.
   */
  static CliDevServer own(String name) throws IOException {
    Path db = DIR.resolve(name + ".db");
    Files.createDirectories(DIR);
    Files.deleteIfExists(db);
    return CliDevServer.create(cli(), db, 0, -1, List.of(), log(name));
  }

  static Path log(String name) {
    return DIR.resolve(name + ".log");
  }

  /** The temporal CLI, or a failure (CI) or skip (elsewhere) saying how to get it. */
  static Path cli() {
    var found = CliDevServer.findCli();
    if (found.isEmpty()) {
      String why =
          "no temporal CLI (its dev server is the real Temporal server these tests run against):"
              + " run bin/install-test-tools, or set GLIDEPATH_TEMPORAL_CLI";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return found.get();
  }
}
