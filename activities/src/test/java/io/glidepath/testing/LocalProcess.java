package io.glidepath.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server from Debian's packages (prometheus, prometheus-pushgateway) started by a test on a
 * free loopback port and stopped by it. Without the binary the test fails under {@code CI=true} and
 * is skipped, saying why, elsewhere.
 */
public final class LocalProcess implements AutoCloseable {
  public final String baseUrl;
  private final Process process;
  private final Path log;

  private LocalProcess(Process process, String baseUrl, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  /**
   * Starts {@code binary} with {@code args} plus {@code --web.listen-address} on a free port, and
   * waits until {@code readyPath} answers 200.
   */
  public static LocalProcess start(String binary, String readyPath, Path dir, String... args)
      throws Exception {
    String path = find(binary);
    if (path == null) {
      String why =
          "no " + binary + " binary: install Debian's " + binary + " package (.ci/run does)";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    Path log = dir.resolve(binary + ".log");
    return Ports.bind(
        port -> {
          List<String> command = new ArrayList<>(List.of(path));
          command.addAll(List.of(args));
          command.add("--web.listen-address=127.0.0.1:" + port);
          try {
            Process p =
                new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LocalProcess server = new LocalProcess(p, "http://127.0.0.1:" + port, log);
            server.awaitReady(readyPath);
            return server;
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(binary + " did not start: " + e.getMessage(), e);
          }
        });
  }

  /** A Prometheus with {@code config}, keeping its data under {@code dir}. */
  public static LocalProcess prometheus(Path dir, Path config) throws Exception {
    return start(
        "prometheus",
        "/-/ready",
        dir,
        "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--log.level=warn");
  }

  private void awaitReady(String readyPath) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        String output = Files.readString(log);
        if (output.contains("address already in use")) {
          // another server took the port between its choice and this one's bind
          throw new UncheckedIOException(new BindException(output));
        }
        fail(log.getFileName() + " exited: " + output);
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(baseUrl + readyPath).toURL().openConnection();
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    fail(log.getFileName() + " was not ready within 30 s: " + Files.readString(log));
  }

  private static String find(String binary) {
    for (String dir : List.of("/usr/bin/", "/usr/local/bin/")) {
      if (new File(dir + binary).canExecute()) {
        return dir + binary;
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
