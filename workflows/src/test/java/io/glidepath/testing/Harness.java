package io.glidepath.testing;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.sandbox.SandboxWorld;
import io.glidepath.spec.SpecParser;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.SearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.function.Predicate;

/** A time-skipping Temporal test server with both workflows and a {@link SandboxWorld}. */
public final class Harness implements AutoCloseable {
  public final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  public final SandboxWorld world = new SandboxWorld();
  public final WorkflowClient client = env.getWorkflowClient();
  public final ReleaseLauncher launcher = new ReleaseLauncher(client);

  public Harness() {
    SearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    Worker worker = env.newWorker(ReleaseLauncher.TASK_QUEUE);
    SandboxWorld.registerWorkflows(worker);
    worker.registerActivitiesImplementations(world.activities());
    env.start();
  }

  /** Three regions on Gateway API with the seed's canary, plus {@code extra} top-level YAML. */
  public static String yaml(String extra) {
    return yaml(extra, "us-east", "eu-west", "apac");
  }

  /** The given regions on Gateway API with the seed's canary, plus {@code extra} YAML. */
  public static String yaml(String extra, String... regions) {
    StringBuilder y =
        new StringBuilder(
            "service: checkout\nversion: 2.4.0\nimage: ghcr.io/acme/checkout:2.4.0\nregions:\n");
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

  @Override
  public void close() {
    env.close();
  }
}
