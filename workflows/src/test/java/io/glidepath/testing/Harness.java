package io.glidepath.testing;

import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.SearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.function.Predicate;

/** A time-skipping Temporal test server with both workflows and a {@link SandboxWorld}. */
public final class Harness implements AutoCloseable {
  public final TestWorkflowEnvironment env;

  /** The new version's image in every spec the harness builds. */
  public static final String IMAGE = "ghcr.io/acme/checkout:2.4.0";

  public final SandboxWorld world = new SandboxWorld();
  public final WorkflowClient client;
  public final ReleaseLauncher launcher;

  /**
   * Workflow-task deadlock detection for tests. The SDK's default, 1s, fires when a slow or busy
   * machine (two cores shared by parallel builds) merely fails to schedule a workflow thread in
   * time: TMPRL1101 PotentialDeadlockException with no deadlock. 30s is far beyond any scheduling
   * hiccup, yet a real deadlock (a workflow thread blocked for good) still fails its test, well
   * within the 3-minute test timeout; DeadlockDetectionTest proves it.
   */
  public static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(30);

  /** Worker options every test worker and replayer uses. */
  public static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
        .build();
  }

  public Harness() {
    this(null);
  }

  /** A harness whose clock starts at {@code start} (for calendars and daylight saving). */
  public Harness(java.time.Instant start) {
    this(start, new Object[0]);
  }

  /**
   * A harness whose worker runs {@code real} activity implementations (a real router, notifier or
   * hook runner) and the sandbox world's for every other activity interface.
   */
  public static Harness withActivities(Object... real) {
    return new Harness(null, real);
  }

  private Harness(java.time.Instant start, Object[] real) {
    env =
        start == null
            ? TestWorkflowEnvironment.newInstance()
            : TestWorkflowEnvironment.newInstance(
                io.temporal.testing.TestEnvironmentOptions.newBuilder()
                    .setInitialTime(start)
                    .build());
    client = env.getWorkflowClient();
    launcher = new ReleaseLauncher(client);
    SearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    Worker worker = env.newWorker(ReleaseLauncher.TASK_QUEUE, workerOptions());
    SandboxWorld.registerWorkflows(worker);
    worker.registerActivitiesImplementations(real);
    for (Object fake : world.activities()) {
      boolean replaced =
          java.util.Arrays.stream(fake.getClass().getInterfaces())
              .anyMatch(i -> java.util.Arrays.stream(real).anyMatch(i::isInstance));
      if (!replaced) {
        worker.registerActivitiesImplementations(fake);
      }
    }
    worker.registerActivitiesImplementations(new io.glidepath.line.LineActivitiesImpl(client));
    env.start();
  }

  /** Three regions on Gateway API with the seed's canary, plus {@code extra} top-level YAML. */
  public static String yaml(String extra) {
    return yaml(extra, "us-east", "eu-west", "apac");
  }

  /** The given regions on Gateway API with the seed's canary, plus {@code extra} YAML. */
  public static String yaml(String extra, String... regions) {
    StringBuilder y =
        new StringBuilder("service: checkout\nversion: 2.4.0\nimage: " + IMAGE + "\nregions:\n");
    for (String r : regions) {
      y.append("  - name: ")
          .append(r)
          .append("\n    cluster: prod-")
          .append(r)
          .append("\n    namespace: shop\n    deployment: {stable: checkout}\n")
          .append(
              "    traffic: {type: gateway-api, route: checkout, stableBackend: checkout,"
                  + " canaryBackend: checkout-canary}\n");
    }
    return y.append(extra).toString();
  }

  public static ReleaseSpec spec(String extra) {
    return SpecParser.parse(yaml(extra), "test spec");
  }

  /** One region, us-east, with {@code extra} YAML. */
  public static ReleaseSpec oneRegion(String extra) {
    return SpecParser.parse(yaml(extra, "us-east"), "test spec");
  }

  public ReleaseWorkflow start(ReleaseSpec spec) {
    launcher.start(spec, "alice");
    return launcher.release(spec.service());
  }

  /** The release's result, whether it completed or failed with its result in the details. */
  public ReleaseResult result(ReleaseSpec spec) {
    return launcher.result(spec.service());
  }

  /** Advances time in steps until the release's status matches, or fails after {@code max}. */
  public ReleaseStatus awaitStatus(
      ReleaseWorkflow release, Predicate<ReleaseStatus> condition, Duration max) {
    Duration step = Duration.ofSeconds(5);
    for (Duration waited = Duration.ZERO; waited.compareTo(max) < 0; waited = waited.plus(step)) {
      ReleaseStatus s = release.status();
      if (condition.test(s)) {
        return s;
      }
      env.sleep(step);
    }
    throw new AssertionError("status never matched within " + max + ": " + release.status());
  }

  /** The timeline a region's own workflow keeps (the release's status carries none per region). */
  public java.util.List<io.glidepath.status.Decision> regionTimeline(
      ReleaseSpec spec, String region) {
    return client
        .newWorkflowStub(
            io.glidepath.region.RegionRolloutWorkflow.class, spec.regionWorkflowId(region))
        .status()
        .timeline();
  }

  @Override
  public void close() {
    env.close();
  }
}
