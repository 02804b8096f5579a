package io.glidepath.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes what the Deployment controller and kubelet would, since the CRUD mock runs neither: a
 * rollout's status, and the pods of the current template with their readiness and restarts.
 */
public final class SimulatedController {
  private final KubernetesClient client;

  public SimulatedController(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Runs in the background until closed, finishing every Deployment's rollout in {@code ns} soon
   * after its spec changes, as a healthy cluster would.
   */
  public AutoCloseable runIn(String ns) {
    Thread loop =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  for (Deployment d :
                      client.apps().deployments().inNamespace(ns).list().getItems()) {
                    if (!Rollout.of(d).complete()) {
                      settle(ns, d.getMetadata().getName());
                    }
                  }
                  runJobs(ns);
                } catch (RuntimeException e) {
                  if (Thread.currentThread().isInterrupted()) {
                    return; // closed while a request was in flight
                  }
                  // a conflict with a concurrent update: the next round settles it
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "simulated-deployment-controller");
    loop.setDaemon(true);
    loop.start();
    return loop::interrupt;
  }

  /** Hooks (by the Job's {@code glidepath.io/hook} label) whose Jobs fail. */
  private final java.util.Set<String> failingHooks =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final java.util.Map<String, Long> jobsSeen =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Makes every Job of hook {@code name} fail from now on. */
  public void failHook(String name) {
    failingHooks.add(name);
  }

  /** Ends each Job two seconds after it first appears: succeeded, or failed for failing hooks. */
  private void runJobs(String ns) {
    for (Job job : client.batch().v1().jobs().inNamespace(ns).list().getItems()) {
      if (job.getStatus() != null
          && (job.getStatus().getSucceeded() != null || job.getStatus().getFailed() != null)) {
        continue;
      }
      String name = job.getMetadata().getName();
      long seen = jobsSeen.computeIfAbsent(name, n -> System.currentTimeMillis());
      if (System.currentTimeMillis() - seen < 2_000) {
        continue;
      }
      String hook =
          job.getMetadata().getLabels() == null
              ? null
              : job.getMetadata().getLabels().get("glidepath.io/hook");
      job.setStatus(
          failingHooks.contains(hook)
              ? new JobStatusBuilder()
                  .withFailed(1)
                  .addNewCondition()
                  .withType("Failed")
                  .withStatus("True")
                  .withReason("BackoffLimitExceeded")
                  .withMessage("Job has reached the specified backoff limit")
                  .endCondition()
                  .build()
              : new JobStatusBuilder().withSucceeded(1).build());
      client.resource(job).updateStatus();
    }
  }

  /** The rollout finished: every replica updated and available, pods ready with no restarts. */
  public void settle(String ns, String name) {
    rollout(ns, name, Integer.MAX_VALUE, 0);
  }

  /**
   * The controller saw the latest spec and has {@code updated} of the replicas on the new template
   * (capped at the desired count), all available; its pods have restarted {@code restarts} times.
   */
  public void rollout(String ns, String name, int updated, int restarts) {
    Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int done = Math.min(updated, desired);
    Long generation = d.getMetadata().getGeneration();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation == null ? 1L : generation)
            .withReplicas(desired)
            .withUpdatedReplicas(done)
            .withAvailableReplicas(done == desired ? desired : desired - 1)
            .withReadyReplicas(done)
            .build());
    client.resource(d).updateStatus();
    var pods = client.pods().inNamespace(ns);
    pods.withLabels(d.getSpec().getSelector().getMatchLabels()).delete();
    for (int i = 0; i < done; i++) {
      pods.resource(pod(d, name + "-7f9c4-" + i, restarts)).create();
    }
  }

  private static Pod pod(Deployment d, String podName, int restarts) {
    var template = d.getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadata()
        .withName(podName)
        .withLabels(template.getMetadata().getLabels())
        .endMetadata()
        .withSpec(template.getSpec())
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(restarts > 0 ? "False" : "True")
        .endCondition()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(template.getSpec().getContainers().get(0).getName())
                .withImage(template.getSpec().getContainers().get(0).getImage())
                .withReady(restarts == 0)
                .withRestartCount(restarts)
                .build())
        .endStatus()
        .build();
  }
}
