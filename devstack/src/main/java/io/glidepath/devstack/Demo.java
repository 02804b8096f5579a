package io.glidepath.devstack;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.hooks.HookActivities;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.notify.ConsoleCards;
import io.glidepath.notify.NotificationActivitiesImpl;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.region.RegionRolloutWorkflowImpl;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.release.ReleaseWorkflowImpl;
import io.glidepath.spec.SpecParser;
import io.glidepath.spec.SpecValidator;
import io.glidepath.status.Decision;
import io.glidepath.status.RegionResult;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.traffic.TrafficActivities;
import io.micronaut.context.ApplicationContext;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a whole three-region release in one process on a real clock: the embedded Temporal server, a
 * worker with the real Kubernetes, traffic and analysis activities, and the {@link Sandbox} as
 * their clusters and metrics. With the default fault profile eu-west's new version answers with a
 * p95 of 520 ms from 50%, so the demo shows a completed region, a rollback with its incident card,
 * and a protected region.
 */
public final class Demo {
  private static final Duration POLL = Duration.ofMillis(500);
  private final PrintStream out;

  public Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the release of {@code specFile}, or of the bundled {@code examples/demo-release.yaml} when
   * it is null, against a sandbox with {@code faults}; returns 0 when it completed, else 1.
   */
  public int run(String specFile, FaultProfile faults) throws Exception {
    ReleaseSpec spec =
        specFile == null
            ? SpecParser.parse(bundledSpec(), "demo-release.yaml", SpecValidator.Limits.SANDBOX)
            : SpecParser.parse(
                Files.readString(Path.of(specFile)), specFile, SpecValidator.Limits.SANDBOX);
    try (Sandbox sandbox = Sandbox.start(0, faults, out);
        ApplicationContext adapters = sandboxAdapters(sandbox.url());
        TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        io.glidepath.worker.board.BoardServer board =
            io.glidepath.worker.board.BoardServer.start(
                env.getWorkflowClient(),
                sandbox.target().prometheusUrl(),
                0,
                System.getenv("GLIDEPATH_BOARD_DEV_IDENTITY"))) {
      io.glidepath.status.SearchAttributes.register(
          env.getWorkflowServiceStubs(), env.getNamespace());
      Worker worker = env.newWorker(ReleaseLauncher.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(
          ReleaseWorkflowImpl.class, RegionRolloutWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          adapters.getBean(TrafficActivities.class),
          adapters.getBean(DeploymentActivities.class),
          adapters.getBean(HookActivities.class),
          adapters.getBean(AnalysisActivities.class),
          new NotificationActivitiesImpl(List.of(new ConsoleCards(out))));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      ReleaseLauncher launcher = new ReleaseLauncher(client);

      out.printf(
          "%nGlidepath demo: %s %s to %s (%s, delay %s, %s in %d stages, soak %s)%n",
          spec.service(),
          spec.version(),
          String.join(", ", spec.regions().stream().map(RegionSpec::name).toList()),
          spec.rollout().mode().id(),
          Quantities.format(spec.rollout().delay()),
          spec.strategy().type().id(),
          spec.strategy().stageCount(),
          Quantities.format(spec.soak()));
      out.println(
          "Embedded Temporal server, real clock; the sandbox's clusters, traffic and metrics. "
              + faults.describe());
      out.println("Board: " + board.url() + "\n");

      long start = System.currentTimeMillis();
      launcher.start(new ReleaseRequest(spec, "demo", true));
      ReleaseWorkflow release = launcher.release(spec.service());
      Map<String, Integer> printed = new HashMap<>();
      ReleaseStatus status;
      do {
        Thread.sleep(POLL.toMillis());
        status = release.status();
        printNew(client, spec, status, printed, start);
      } while (!status.phase().finished());

      ReleaseResult result = launcher.result(spec.service());
      Decision last = status.timeline().get(status.timeline().size() - 1);
      out.printf(
          "%nResult after %s: %s%n",
          Quantities.format(Duration.ofSeconds((System.currentTimeMillis() - start) / 1000)),
          last.why());
      out.println("Traffic now (the sandbox's HTTPRoutes) and the version each Deployment runs:");
      var routes = sandbox.routes();
      var deployments = sandbox.deployments();
      for (RegionResult r : result.regions()) {
        Map<String, Integer> weights = routes.get(r.region()).get(spec.service());
        Map<String, String> versions = new java.util.TreeMap<>();
        for (var d : deployments) {
          if (d.region().equals(r.region()) && d.name().startsWith(spec.service())) {
            versions.put(d.name(), d.version() + " x" + d.replicas());
          }
        }
        out.printf("  %-8s %s %s%n", r.region(), weights, versions);
      }
      return result.phase() == ReleasePhase.COMPLETED ? 0 : 1;
    }
  }

  /** Prints decisions not printed yet, from the release and from every region, in time order. */
  private void printNew(
      WorkflowClient client,
      ReleaseSpec spec,
      ReleaseStatus status,
      Map<String, Integer> printed,
      long start) {
    List<String[]> lines = new ArrayList<>();
    collect("release", status.timeline(), printed, lines, start);
    for (RegionSpec r : spec.regions()) {
      try {
        List<Decision> timeline =
            client
                .newWorkflowStub(RegionRolloutWorkflow.class, spec.regionWorkflowId(r.name()))
                .status()
                .timeline();
        collect(r.name(), timeline, printed, lines, start);
      } catch (RuntimeException notStarted) {
        // A region that has not started has no workflow to ask yet.
      }
    }
    lines.sort(Comparator.comparing((String[] l) -> l[0]));
    for (String[] l : lines) {
      out.println(l[1]);
    }
  }

  private static void collect(
      String source,
      List<Decision> timeline,
      Map<String, Integer> printed,
      List<String[]> lines,
      long start) {
    int from = printed.getOrDefault(source, 0);
    for (Decision d : timeline.subList(from, timeline.size())) {
      long seconds = Math.max(0, d.atMillis() - start) / 1000;
      String sortKey = String.format("%015d-%s", d.atMillis(), source);
      lines.add(
          new String[] {
            sortKey,
            String.format(
                "  +%02d:%02d  %-8s %-10s %-28s %s",
                seconds / 60,
                seconds % 60,
                source,
                d.who(),
                d.what(),
                d.why() == null ? "" : d.why())
          });
    }
    printed.put(source, timeline.size());
  }

  /**
   * The worker's adapter beans in the {@code sandbox} environment, aimed at {@code sandboxUrl}; no
   * worker of the context's own polls, as the demo runs one on its in-process server.
   */
  private static ApplicationContext sandboxAdapters(String sandboxUrl) {
    return ApplicationContext.builder()
        .environments(SandboxAdapters.ENVIRONMENT)
        .properties(Map.of("glidepath.sandbox-url", sandboxUrl, "glidepath.worker.enabled", false))
        .start();
  }

  private static String bundledSpec() throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream("/demo-release.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
