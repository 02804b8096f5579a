package io.glidepath.worker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glidepath-worker}: the worker. It polls Temporal and runs releases until stopped. The dev
 * stack (the sandbox, {@code --dev}, {@code dev-server}, {@code demo}, {@code bench}) is in the
 * devstack module's {@code glidepath-dev.jar}, never in this jar or its image.
 */
@Command(
    name = "glidepath-worker",
    mixinStandardHelpOptions = true,
    version = "glidepath-worker 0.1.0",
    description = "Runs the Glidepath worker: it polls Temporal and runs releases.")
public final class WorkerMain implements Callable<Integer> {

  @Option(names = "--http-port", description = "Port of /health and /prometheus (default 8081).")
  Integer httpPort;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorkerMain()).execute(args));
  }

  @Override
  public Integer call() {
    Map<String, Object> props = new HashMap<>();
    if (httpPort != null) {
      props.put("micronaut.server.port", httpPort);
    }
    awaitStopped(start(props));
    return 0;
  }

  /**
   * Starts the worker's context with {@code props} over its configuration, in {@code environments}
   * besides the detected ones. Micronaut's own shutdown hook stops it on SIGTERM: polling stops,
   * and running activities get {@code glidepath.shutdown-grace} to finish.
   */
  public static ApplicationContext start(Map<String, Object> props, String... environments) {
    return Micronaut.build(new String[0])
        .banner(false)
        .mainClass(WorkerMain.class)
        .properties(props)
        .environments(environments)
        .start();
  }

  /** Returns once {@code context} has stopped. */
  public static void awaitStopped(ApplicationContext context) {
    while (context.isRunning()) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
