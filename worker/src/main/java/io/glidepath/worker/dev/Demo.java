package io.glidepath.worker.dev;

import io.glidepath.model.Quantities;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.Decision;
import io.glidepath.status.RegionResult;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a whole three-region release on the embedded default: an in-process Temporal test server
 * with time skipping, and the in-memory sandbox instead of clusters and Prometheus. With the
 * default fault profile eu-west's p95 latency breaches at 50%, so the demo shows a completed
 * region, a rollback and a protected one.
 */
public final class Demo {
  private static final Duration STEP = Duration.ofMinutes(5);
  private final PrintStream out;

  public Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo release of {@code specFile}, or of the bundled spec when it is null, with the
   * fault profile (none for a healthy release); returns 0 when it completed, else 1.
   */
  public int run(String specFile, FaultProfile faults) throws IOException {
    ReleaseSpec spec =
        specFile == null ? bundledSpec() : SpecParser.load(java.nio.file.Path.of(specFile));
    SandboxWorld world = new SandboxWorld();
    faults.applyTo(world);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(ReleaseLauncher.TASK_QUEUE);
      SandboxWorld.registerWorkflows(worker);
      worker.registerActivitiesImplementations(world.activities());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      ReleaseLauncher launcher = new ReleaseLauncher(client);

      out.printf(
          "Glidepath demo: %s %s to %s (%s, %s, soak %s)%n",
          spec.service(),
          spec.version(),
          String.join(", ", spec.regions().stream().map(RegionSpec::name).toList()),
          spec.rollout().mode().id(),
          spec.strategy().type().id(),
          Quantities.format(spec.soak()));
      out.println(
          "Embedded Temporal test server, in-memory cluster and metrics; time is skipped. "
              + faults.describe()
              + "\n");

      long start = env.currentTimeMillis();
      long wall = System.nanoTime();
      launcher.start(spec, "demo");
      ReleaseWorkflow release = launcher.release(spec.service());
      Map<String, Integer> printed = new HashMap<>();
      ReleaseStatus status;
      do {
        env.sleep(STEP);
        status = release.status();
        printNew(client, spec, status, printed, start);
      } while (!status.phase().finished());

      ReleaseResult result = launcher.result(spec.service());
      List<RegionResult> results = result.regions();
      Decision last = status.timeline().get(status.timeline().size() - 1);
      out.printf(
          "%nResult after %s of release time (%.1f s here): %s%n",
          Quantities.format(Duration.ofMinutes((last.atMillis() - start) / 60_000)),
          (System.nanoTime() - wall) / 1e9,
          last.why());
      out.println("Traffic now:");
      for (RegionResult r : results) {
        Integer weight = world.weights.get(r.region());
        out.printf(
            "  %-8s %s%n",
            r.region(),
            weight == null
                ? "untouched, all traffic on stable " + SandboxWorld.STABLE_VERSION
                : weight
                    + "% on "
                    + spec.version()
                    + ", "
                    + (100 - weight)
                    + "% on stable "
                    + SandboxWorld.STABLE_VERSION
                    + (world.retired.contains(r.region()) ? " (old version retired)" : ""));
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
      long minutes = (d.atMillis() - start) / 60_000;
      String sortKey = String.format("%015d-%s", d.atMillis(), source);
      lines.add(
          new String[] {
            sortKey,
            String.format(
                "  +%02d:%02d  %-8s %-10s %-28s %s",
                minutes / 60,
                minutes % 60,
                source,
                d.who(),
                d.what(),
                d.why() == null ? "" : d.why())
          });
    }
    printed.put(source, timeline.size());
  }

  private static ReleaseSpec bundledSpec() throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream("/demo-release.yaml")) {
      return SpecParser.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-release.yaml");
    }
  }
}
