package io.glidepath.worker;

import io.glidepath.worker.dev.Demo;
import io.glidepath.worker.dev.DevServer;
import io.glidepath.worker.dev.FaultProfile;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath-worker}: the worker, its dev server and the demo. */
@Command(
    name = "glidepath-worker",
    mixinStandardHelpOptions = true,
    version = "glidepath-worker 0.1.0",
    description = "Runs the Glidepath worker: it polls Temporal and runs releases.",
    subcommands = {
      WorkerMain.DevServerCommand.class,
      WorkerMain.DemoCommand.class,
      WorkerMain.BenchCommand.class
    })
public final class WorkerMain implements Callable<Integer> {

  @Option(
      names = "--dev",
      description =
          "Start a Temporal server on localhost:7233 when none is reachable (the temporal CLI"
              + " when on PATH, else the embedded test server) and use the in-memory sandbox.")
  boolean dev;

  @Option(
      names = "--fault-profile",
      description = "With --dev: a YAML file saying which region's new version misbehaves.")
  Path faultProfile;

  @Option(names = "--http-port", description = "Port of /health and /prometheus (default 8081).")
  Integer httpPort;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorkerMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> props = new HashMap<>();
    if (httpPort != null) {
      props.put("micronaut.server.port", httpPort);
    }
    DevServer server = null;
    if (dev) {
      server = DevServer.startIfAbsent(7233, System.out);
      props.put("glidepath.sandbox", true);
      props.put("glidepath.temporal.address", "localhost:7233");
      if (faultProfile != null) {
        FaultProfile.load(faultProfile); // fails now, naming the field, when it is wrong
        props.put("glidepath.sandbox-fault-profile", faultProfile.toString());
      }
    }
    ApplicationContext context =
        Micronaut.build(new String[0])
            .banner(false)
            .mainClass(WorkerMain.class)
            .properties(props)
            .start();
    // Micronaut's own shutdown hook stops the context on SIGTERM: polling stops, and running
    // activities get glidepath.shutdown-grace to finish. The dev server goes down after it.
    if (server != null) {
      DevServer dev = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    awaitStopped(context);
                    try {
                      dev.close();
                    } catch (java.io.IOException ignored) {
                      // the process is ending
                    }
                  }));
    }
    awaitStopped(context);
    return 0;
  }

  private static void awaitStopped(ApplicationContext context) {
    while (context.isRunning()) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A Temporal server of its own process, for workers and CLIs that come and go. */
  @Command(
      name = "dev-server",
      mixinStandardHelpOptions = true,
      description = "Runs the embedded Temporal server until stopped.")
  static final class DevServerCommand implements Callable<Integer> {
    @Option(
        names = "--port",
        defaultValue = "7233",
        description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
      try (DevServer server = DevServer.startIfAbsent(port, System.out)) {
        System.out.println("Stop with Ctrl-C.");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }

  /** The whole story in one process, on the embedded server with time skipped. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Runs a three-region release on the embedded server and the sandbox: eu-west breaches"
              + " at 50% and rolls back (exit 1), unless --healthy (exit 0).")
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

    @Override
    public Integer call() throws Exception {
      var bench = new io.glidepath.worker.bench.Bench(System.out);
      int exit = bench.run(breaches, java.time.Duration.ofSeconds(interval));
      if (capacity != null) {
        bench.capacity(capacity, java.time.Duration.ofSeconds(45));
      }
      return exit;
    }
  }
}
