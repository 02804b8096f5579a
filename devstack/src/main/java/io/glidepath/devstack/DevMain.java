package io.glidepath.devstack;

import io.glidepath.devstack.servers.DevServer;
import io.glidepath.worker.WorkerMain;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath-dev}: the worker with the dev stack beside it ({@code --dev}), the dev stack
 * alone ({@code dev-server}), the demo and the bench. Only for a developer's machine and the tests:
 * the production worker ({@code glidepath-worker.jar}, the image) holds none of it.
 */
@Command(
    name = "glidepath-dev",
    mixinStandardHelpOptions = true,
    version = "glidepath-dev 0.1.0",
    description =
        "Runs the Glidepath worker (with --dev: against a local Temporal server and the sandbox),"
            + " the dev stack, the demo or the bench.",
    subcommands = {
      DevMain.DevServerCommand.class,
      DevMain.DemoCommand.class,
      DevMain.BenchCommand.class
    })
public final class DevMain implements Callable<Integer> {

  @Option(
      names = "--dev",
      description =
          "Start a Temporal server on localhost:7233 (the temporal CLI when on PATH, else the"
              + " embedded test server) and the sandbox on 127.0.0.1:7240 when none answers, and"
              + " release to the sandbox's clusters.")
  boolean dev;

  @Option(
      names = "--fault-profile",
      description =
          "With --dev, when it starts the sandbox: a YAML file saying which region's version"
              + " misbehaves, how and from when.")
  Path faultProfile;

  @Option(names = "--http-port", description = "Port of /health and /prometheus (default 8081).")
  Integer httpPort;

  @Option(
      names = "--temporal-port",
      defaultValue = "7233",
      description = "With --dev: the local Temporal server's port (default ${DEFAULT-VALUE}).")
  int temporalPort;

  @Option(
      names = "--sandbox-port",
      defaultValue = "7240",
      description =
          "With --dev: where the sandbox answers, started there when none does (default"
              + " ${DEFAULT-VALUE}).")
  int sandboxPort;

  @Option(
      names = "--db-filename",
      description =
          "With --dev, when it starts the temporal CLI's dev server: keep its state in this SQLite"
              + " file, so releases survive a restart.")
  Path dbFile;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DevMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> props = new HashMap<>();
    if (httpPort != null) {
      props.put("micronaut.server.port", httpPort);
    }
    List<AutoCloseable> devStack = new ArrayList<>();
    if (dev) {
      devStack.addAll(startDevStack(temporalPort, dbFile, sandboxPort, faultProfile));
      props.put("glidepath.sandbox-url", "http://127.0.0.1:" + sandboxPort);
      props.put("glidepath.temporal.address", "localhost:" + temporalPort);
    }
    ApplicationContext context =
        dev ? WorkerMain.start(props, SandboxAdapters.ENVIRONMENT) : WorkerMain.start(props);
    if (dev) {
      context
          .findBean(io.micronaut.runtime.server.EmbeddedServer.class)
          .ifPresent(server -> System.out.println("Board: " + server.getURL() + "/board"));
    }
    // The dev stack goes down after the worker's context has stopped.
    if (!devStack.isEmpty()) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    WorkerMain.awaitStopped(context);
                    closeAll(devStack);
                  }));
    }
    WorkerMain.awaitStopped(context);
    return 0;
  }

  /**
   * Starts what is missing of the dev stack: a Temporal server on {@code temporalPort} and the
   * sandbox on {@code sandboxPort}, each unless one answers there already.
   */
  static List<AutoCloseable> startDevStack(
      int temporalPort, Path dbFile, int sandboxPort, Path faultProfile)
      throws java.io.IOException {
    FaultProfile faults =
        faultProfile == null ? FaultProfile.HEALTHY : FaultProfile.load(faultProfile);
    List<AutoCloseable> started = new ArrayList<>();
    started.add(DevServer.startIfAbsent(temporalPort, dbFile, System.out));
    String url = "http://127.0.0.1:" + sandboxPort;
    if (SandboxTarget.fetch(url).isPresent()) {
      System.out.println("Using the sandbox already answering on " + url);
      if (faultProfile != null) {
        System.out.println("  (its fault profile stays; --fault-profile applies to a new one)");
      }
    } else {
      started.add(Sandbox.start(sandboxPort, faults, System.out));
      System.out.println("Faults: " + faults.describe());
    }
    return started;
  }

  private static void closeAll(List<AutoCloseable> stack) {
    for (int i = stack.size() - 1; i >= 0; i--) {
      try {
        stack.get(i).close();
      } catch (Exception ignored) {
        // the process is ending
      }
    }
  }

  /**
   * The Temporal server and the sandbox in a process of their own, for workers that come and go.
   */
  @Command(
      name = "dev-server",
      mixinStandardHelpOptions = true,
      description =
          "Runs a Temporal server and the sandbox (three regions' clusters, traffic, metrics)"
              + " until stopped; start workers with --dev against them.")
  static final class DevServerCommand implements Callable<Integer> {
    @Option(
        names = "--port",
        defaultValue = "7233",
        description = "Temporal port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--db-filename",
        description =
            "Keep the temporal CLI's dev server's state in this SQLite file (it survives a"
                + " restart).")
    Path dbFile;

    @Option(
        names = "--sandbox-port",
        defaultValue = "7240",
        description = "Sandbox port (default ${DEFAULT-VALUE}).")
    int sandboxPort;

    @Option(
        names = "--fault-profile",
        description = "A YAML file saying which region's version misbehaves, how and from when.")
    Path faultProfile;

    @Override
    public Integer call() throws Exception {
      List<AutoCloseable> stack = startDevStack(port, dbFile, sandboxPort, faultProfile);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(stack)));
      System.out.println("Stop with Ctrl-C.");
      new CountDownLatch(1).await();
      return 0;
    }
  }

  /** The whole story in one process: the embedded server, a worker and the sandbox. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Runs a three-region release on the embedded server and the sandbox: eu-west breaches"
              + " at 50%% and rolls back (exit 1), unless --healthy (exit 0).")
  static final class DemoCommand implements Callable<Integer> {
    @Option(names = "--healthy", description = "No fault: the release completes.")
    boolean healthy;

    @Option(
        names = "--fault-profile",
        description = "A YAML file of faults instead of the default.")
    Path faultProfile;

    @Option(
        names = "--spec",
        description = "A release spec instead of the bundled demo-release.yaml.")
    String spec;

    @Override
    public Integer call() throws Exception {
      FaultProfile faults =
          healthy
              ? FaultProfile.HEALTHY
              : faultProfile != null ? FaultProfile.load(faultProfile) : FaultProfile.DEMO;
      return new Demo(System.out).run(spec, faults);
    }
  }

  /** Prints the reaction time to a breach, the start time and the RSS. */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description = "Measures breach-to-stable reaction time on the embedded server (real clock).")
  static final class BenchCommand implements Callable<Integer> {
    @Option(names = "--breaches", defaultValue = "10", description = "injected breaches")
    int breaches;

    @Option(names = "--interval", defaultValue = "2", description = "check interval, seconds")
    int interval;

    @Option(
        names = "--capacity",
        split = ",",
        description = "also: load steps of releases at once, e.g. 25,50,100,200")
    java.util.List<Integer> capacity;

    @Option(
        names = "--judge",
        description =
            "instead: judge the labelled scenario corpus with every judge; exits 1 when the"
                + " statistical judge misses its bounds on the corpus given")
    boolean judge;

    @Option(
        names = "--scenarios",
        description =
            "with --judge: the scenario files (*.yaml) of this directory instead of the built-in"
                + " corpus (format: docs/analysis.md)")
    java.nio.file.Path scenarios;

    @Option(
        names = "--explain",
        description = "with --judge: also print every wrong run with each judge's verdict text")
    boolean explain;

    @Option(
        names = "--seeds",
        defaultValue = "30",
        description = "with --judge: seeds per scenario")
    int seeds;

    @Option(
        names = "--prometheus",
        description =
            "with --judge: through a real Prometheus (prometheus and promtool on the PATH) holding"
                + " the runs, backfilled with promtool, instead of in-process")
    boolean prometheus;

    @Option(
        names = "--server",
        description =
            "with --capacity: against the temporal CLI's dev server (the real server), three"
                + " regions per release, one-minute stages, 10 s checks, sticky on")
    boolean server;

    @Option(
        names = "--workers",
        defaultValue = "1",
        description = "with --server: workers on the task queue (default ${DEFAULT-VALUE})")
    int workers;

    @Option(
        names = "--pollers",
        description = "with --server: workflow-task pollers per worker (default: the worker's)")
    Integer pollers;

    @Option(
        names = "--cache",
        description = "with --server: workflow cache size per worker (default: the SDK's 600)")
    Integer cache;

    @Option(
        names = "--server-arg",
        description =
            "with --server: an argument for the dev server, repeatable, e.g."
                + " --server-arg=--sqlite-pragma --server-arg=synchronous=OFF")
    java.util.List<String> serverArgs = new java.util.ArrayList<>();

    @Option(
        names = "--kill-one",
        description =
            "with --server and --workers 2 or more: shut one worker down a third into each step's"
                + " steady state; the last column counts releases lost")
    boolean killOne;

    @Override
    public Integer call() throws Exception {
      if (judge) {
        return new io.glidepath.devstack.bench.JudgeBench(System.out)
            .run(seeds, prometheus, scenarios, explain);
      }
      if (server && capacity != null) {
        return new io.glidepath.devstack.bench.ServerCapacity(System.out)
            .run(
                capacity,
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(90),
                new io.glidepath.devstack.bench.ServerCapacity.Knobs(
                    workers, pollers, cache, serverArgs, killOne));
      }
      var bench = new io.glidepath.devstack.bench.Bench(System.out);
      int exit = bench.run(breaches, java.time.Duration.ofSeconds(interval));
      if (capacity != null) {
        bench.capacity(capacity, java.time.Duration.ofSeconds(45));
      }
      return exit;
    }
  }
}
