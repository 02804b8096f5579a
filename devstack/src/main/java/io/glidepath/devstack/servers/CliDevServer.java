package io.glidepath.devstack.servers;

import io.glidepath.client.TemporalTarget;
import io.glidepath.status.SearchAttributes;
import io.glidepath.testing.Ports;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}: the real Temporal server on
 * SQLite, optionally with its Web UI) as a child process: started on fixed or free ports, ready
 * once it answers for every namespace asked for, with Glidepath's search attributes registered, and
 * stopped by {@link #close} or when the JVM exits. {@link #kill} and {@link #start} again on the
 * same database file are a server crash and restart.
 */
public final class CliDevServer implements AutoCloseable {
  /** Where {@code bin/install-test-tools} puts the CLI; {@code GLIDEPATH_TEMPORAL_CLI} wins. */
  static final List<String> KNOWN_PLACES = List.of("/usr/local/bin/temporal");

  private final Path cli;
  private final Path dbFile;
  private final boolean choosePort;
  private final boolean chooseUiPort;
  private int port;
  private int uiPort;
  private boolean everReady;
  private final List<String> namespaces;
  private final Path log;
  private final List<String> extraArgs = new ArrayList<>();
  private final Thread onExit = new Thread(this::destroyNow, "temporal-dev-server-stop");
  private Process process;

  private CliDevServer(
      Path cli, Path dbFile, int port, int uiPort, List<String> namespaces, Path log) {
    this.cli = cli;
    this.dbFile = dbFile;
    this.choosePort = port == 0;
    this.chooseUiPort = uiPort == 0;
    this.port = port == 0 ? Ports.free() : port;
    this.uiPort = uiPort == 0 ? Ports.free() : uiPort;
    this.namespaces = namespaces;
    this.log = log;
  }

  /**
   * The {@code temporal} CLI: {@code GLIDEPATH_TEMPORAL_CLI}, else the first on {@code PATH}, else
   * where {@code bin/install-test-tools} installs it.
   */
  public static Optional<Path> findCli() {
    String explicit = System.getenv("GLIDEPATH_TEMPORAL_CLI");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit));
    }
    File onPath = DevServer.onPath("temporal");
    if (onPath != null) {
      return Optional.of(onPath.toPath());
    }
    return KNOWN_PLACES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /**
   * A server that keeps its state in {@code dbFile} (null: in memory only), listens for gRPC on
   * {@code port} and serves the Web UI on {@code uiPort} (0: a free port for either; -1 for the UI:
   * headless), creates {@code namespaces} besides {@code default}, and writes its output to {@code
   * log}. Nothing runs until {@link #start}.
   */
  public static CliDevServer create(
      Path cli, Path dbFile, int port, int uiPort, List<String> namespaces, Path log) {
    return new CliDevServer(cli, dbFile, port, uiPort, List.copyOf(namespaces), log);
  }

  public int port() {
    return port;
  }

  /**
   * Adds {@code args} to the server's command line (the bench's knobs: {@code --metrics-port},
   * {@code --dynamic-config-value}, {@code --sqlite-pragma}); before {@link #start}.
   */
  public CliDevServer withArgs(List<String> args) {
    extraArgs.addAll(args);
    return this;
  }

  /** {@code 127.0.0.1:<port>}, for {@code TEMPORAL_ADDRESS}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The Web UI's base URL, or empty when headless. */
  public Optional<String> uiUrl() {
    return uiPort < 0 ? Optional.empty() : Optional.of("http://127.0.0.1:" + uiPort);
  }

  public Path dbFile() {
    return dbFile;
  }

  /** The server process's id (for its RSS); -1 when not started. */
  public long pid() {
    return process == null ? -1 : Children.pid(process);
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the process and returns once the server answers for each namespace and the search
   * attributes are registered in each; throws with the end of the server's log if it does not
   * within {@code timeout}. A port taken between its choice and the server's bind (by this server's
   * own ports or the internal ones the CLI picks) starts it again: on fresh ports where they were
   * chosen here and the server never ran, else on the same ones once they are free.
   */
  public synchronized CliDevServer start(Duration timeout) throws IOException {
    if (running()) {
      return this;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        launch(timeout);
        everReady = true;
        return this;
      } catch (BindException taken) {
        if (attempt == 8) {
          throw taken;
        }
        if (!everReady && (choosePort || chooseUiPort)) {
          port = choosePort ? Ports.free() : port;
          uiPort = chooseUiPort ? Ports.free() : uiPort;
        } else {
          sleep(1_000);
        }
      }
    }
  }

  private void launch(Duration timeout) throws IOException {
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            cli.toString(),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--log-level",
            "warn"));
    if (dbFile != null) {
      command.addAll(List.of("--db-filename", dbFile.toString()));
    }
    if (uiPort < 0) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-port", String.valueOf(uiPort), "--ui-disable-news-fetch"));
    }
    for (String namespace : namespaces) {
      if (!namespace.equals("default")) {
        command.addAll(List.of("--namespace", namespace));
      }
    }
    // Registered at launch too, so the first release never meets an attribute the server's caches
    // do not know yet; register() below is then a no-op that checks it.
    for (var key : SearchAttributes.ALL) {
      command.addAll(List.of("--search-attribute", key.getName() + "=Keyword"));
    }
    command.addAll(extraArgs);
    Files.createDirectories(log.toAbsolutePath().getParent());
    process =
        Children.tied(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      Runtime.getRuntime().addShutdownHook(onExit);
    } catch (IllegalArgumentException alreadyAdded) {
      // a restart keeps the hook of the first start
    }
    awaitReady(timeout, logStart);
  }

  private void awaitReady(Duration timeout, long logStart) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    TemporalTarget target = new TemporalTarget(address(), null, null, null, null);
    WorkflowServiceStubs stubs = target.stubs(null);
    RuntimeException last = null;
    try {
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
          for (String namespace : allNamespaces()) {
            stubs
                .blockingStub()
                .withDeadlineAfter(2, TimeUnit.SECONDS)
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
            SearchAttributes.register(stubs, namespace);
          }
          return;
        } catch (RuntimeException notYet) {
          last = notYet;
        }
        sleep(200);
      }
    } finally {
      stubs.shutdownNow();
    }
    String tail = tail();
    destroyNow();
    if (Ports.isBindFailure(new IOException(logSince(logStart)))) {
      throw new BindException(
          "the Temporal dev server on "
              + address()
              + " found a port taken; its log ends:\n"
              + tail);
    }
    throw new IOException(
        "the Temporal dev server on "
            + address()
            + " was not ready within "
            + timeout.toSeconds()
            + "s ("
            + (last == null ? "it exited" : last.getMessage())
            + "); its log ends:\n"
            + tail,
        last);
  }

  private List<String> allNamespaces() {
    List<String> all = new ArrayList<>(List.of("default"));
    namespaces.stream().filter(n -> !all.contains(n)).forEach(all::add);
    return all;
  }

  /** SIGKILL: the server dies at once, as in a crash; its database file stays. */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      Children.killNow(process);
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 15 s) and forgets the exit hook. */
  @Override
  public synchronized void close() {
    destroyNow();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException | IllegalArgumentException exiting) {
      // the JVM is already exiting, or the hook was never added
    }
  }

  private void destroyNow() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the server's log, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private String logSince(long offset) {
    try {
      byte[] all = Files.readAllBytes(log);
      return new String(
          all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the dev server", e);
    }
  }
}
