package io.glidepath.devstack.servers;

import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A Temporal server for development on localhost: the {@code temporal} CLI's dev server when it is
 * installed (with its Web UI on the port + 1000, :8233 by default), else the in-memory test server
 * with a real clock, which has no Web UI and no visibility queries. Nothing is started when
 * something already listens there.
 */
public final class DevServer implements Closeable {
  private final Closeable running;
  private final String description;

  private DevServer(Closeable running, String description) {
    this.running = running;
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Starts a server on {@code port} unless one answers there already. */
  public static DevServer startIfAbsent(int port, PrintStream out) throws IOException {
    return startIfAbsent(port, null, out);
  }

  /**
   * Starts a server on {@code port} unless one answers there already; the temporal CLI's keeps its
   * state in {@code dbFile} when not null (the embedded server keeps it in memory only).
   */
  public static DevServer startIfAbsent(int port, java.nio.file.Path dbFile, PrintStream out)
      throws IOException {
    if (listening(port)) {
      DevServer existing =
          new DevServer(() -> {}, "a Temporal server already listening on localhost:" + port);
      out.println("Using " + existing.description());
      return existing;
    }
    java.util.Optional<java.nio.file.Path> cli = CliDevServer.findCli();
    DevServer server;
    if (cli.isPresent()) {
      CliDevServer p =
          CliDevServer.create(
                  cli.get(),
                  dbFile,
                  port,
                  port + 1000,
                  List.of(),
                  java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
                      .resolve("glidepath-temporal-dev-server-" + port + ".log"))
              .start(java.time.Duration.ofSeconds(60));
      server =
          new DevServer(
              p::close,
              "the temporal CLI's dev server on "
                  + p.address()
                  + (dbFile == null ? " (in memory)" : " (state in " + dbFile + ")")
                  + ", Web UI at "
                  + p.uiUrl().orElseThrow());
    } else {
      server =
          new DevServer(
              TestServer.createPortBoundServer(port),
              "the embedded Temporal test server on localhost:"
                  + port
                  + " (real clock; no Web UI: run bin/install-test-tools to get the temporal CLI)");
    }
    out.println("Started " + server.description());
    return server;
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static File onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    running.close();
  }
}
