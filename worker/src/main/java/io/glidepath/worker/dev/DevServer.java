package io.glidepath.worker.dev;

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
 * on PATH (with its Web UI on :8233), else the in-memory test server with a real clock, which has
 * no Web UI and no visibility queries. Nothing is started when something already listens there.
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
    if (listening(port)) {
      DevServer existing =
          new DevServer(() -> {}, "a Temporal server already listening on localhost:" + port);
      out.println("Using " + existing.description());
      return existing;
    }
    File cli = onPath("temporal");
    DevServer server;
    if (cli != null) {
      Process p =
          new ProcessBuilder(
                  List.of(
                      cli.getPath(),
                      "server",
                      "start-dev",
                      "--port",
                      String.valueOf(port),
                      "--ui-port",
                      "8233",
                      "--log-level",
                      "warn"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      server =
          new DevServer(
              p::destroy,
              "the temporal CLI's dev server on localhost:"
                  + port
                  + ", Web UI at http://localhost:8233");
      awaitListening(port, p);
    } else {
      server =
          new DevServer(
              TestServer.createPortBoundServer(port),
              "the embedded Temporal test server on localhost:"
                  + port
                  + " (real clock; no Web UI: put the temporal CLI on PATH to get one)");
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

  private static void awaitListening(int port, Process p) throws IOException {
    for (int i = 0; i < 300 && p.isAlive(); i++) {
      if (listening(port)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    p.destroy();
    throw new IOException("the temporal CLI's dev server did not start on port " + port);
  }

  static File onPath(String name) {
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
