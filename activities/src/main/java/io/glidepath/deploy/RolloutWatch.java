package io.glidepath.deploy;

import static io.glidepath.deploy.RegionDeployments.what;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.glidepath.kubernetes.Rollout;
import io.glidepath.notify.Secrets;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Waiting for a rollout and judging the new version's pods: heartbeats where a rollout stands,
 * fails when it stalls or a pod crash-loops, and runs the region's smoke checks.
 */
final class RolloutWatch {
  /** Pod restarts above this mean the new version is crash-looping (the runbook's rule). */
  static final int MAX_RESTARTS = 2;

  private final RegionDeployments deployments;
  private final Duration pollInterval;
  private final OkHttpClient http;
  private final Secrets secrets = Secrets.fromEnvironment();

  RolloutWatch(RegionDeployments deployments, Duration pollInterval) {
    this.deployments = deployments;
    this.pollInterval = pollInterval;
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .followRedirects(false)
            .build();
  }

  /** Polls the rollout, heartbeating where it stands, until it is complete; fails if it stalls. */
  void await(DeployRequest r, String name) {
    while (true) {
      Deployment d = deployments.require(r, name, "it was deleted during the rollout");
      Rollout status = Rollout.of(d);
      Activity.getExecutionContext().heartbeat(status.describe());
      if (status.complete()) {
        return;
      }
      if (status.stalled() != null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the rollout of "
                + what(r, name)
                + " stalled: "
                + status.stalled()
                + "; see kubectl describe deployment "
                + name,
            "RolloutStalled");
      }
      crashLooping(r, newPods(r, d));
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure("interrupted while waiting for " + name, "Interrupted");
      }
    }
  }

  /** Fails unless every pod of the new version is ready and every smoke check answers 200. */
  void verifyHealthy(DeployRequest r) {
    String name = r.region().deployment().canary();
    Deployment canary = deployments.require(r, name, "run the deploy step first");
    Rollout status = Rollout.of(canary);
    List<Pod> pods = newPods(r, canary);
    crashLooping(r, pods);
    long ready = pods.stream().filter(RolloutWatch::ready).count();
    if (!status.complete() || ready < status.desired()) {
      throw ApplicationFailure.newFailure(
          what(r, name)
              + " is not ready yet: "
              + ready
              + "/"
              + status.desired()
              + " pods ready, "
              + status.describe(),
          "NotReady");
    }
    for (String url : r.region().smokeChecks()) {
      smoke(url);
    }
  }

  /** The Deployment's pods that run the new image. */
  private List<Pod> newPods(DeployRequest r, Deployment d) {
    String container = PodTemplates.container(d, r).getName();
    return deployments.call(
        r,
        d.getMetadata().getName(),
        () ->
            deployments
                .client(r)
                .pods()
                .inNamespace(r.region().namespace())
                .withLabels(d.getSpec().getSelector().getMatchLabels())
                .list()
                .getItems()
                .stream()
                .filter(
                    p ->
                        p.getSpec().getContainers().stream()
                            .anyMatch(
                                c ->
                                    c.getName().equals(container)
                                        && r.image().equals(c.getImage())))
                .toList());
  }

  private static void crashLooping(DeployRequest r, List<Pod> pods) {
    for (Pod p : pods) {
      if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
        continue;
      }
      for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
        if (c.getRestartCount() != null && c.getRestartCount() > MAX_RESTARTS) {
          throw ApplicationFailure.newNonRetryableFailure(
              "pod "
                  + r.region().namespace()
                  + "/"
                  + p.getMetadata().getName()
                  + " of "
                  + r.version()
                  + " is crash-looping: container "
                  + c.getName()
                  + " restarted "
                  + c.getRestartCount()
                  + " times (more than "
                  + MAX_RESTARTS
                  + "); see kubectl logs --previous",
              "CrashLooping");
        }
      }
    }
  }

  private static boolean ready(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition c : p.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }

  /**
   * Calls one smoke check: a URL, or the name of the worker's secret that holds one (an environment
   * variable or {@code file:/path}), which messages name instead of the URL it holds.
   */
  private void smoke(String entry) {
    boolean named = !entry.contains("://");
    String url;
    try {
      url = named ? secrets.resolve(entry) : entry;
    } catch (IllegalStateException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "smoke check " + entry + ": " + e.getMessage(), "SmokeCheckSecretMissing");
    }
    String label = named ? "(the URL in secret " + entry + ")" : url;
    Request request;
    try {
      request = new Request.Builder().url(url).build();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "smoke check " + (named ? label : entry) + " is not a valid http(s) URL",
          "SmokeCheckInvalid");
    }
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw ApplicationFailure.newFailure(
            "smoke check " + label + " answered HTTP " + response.code() + ", not 200",
            "SmokeCheckFailed");
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "smoke check "
              + label
              + " did not answer: "
              + (named ? e.getClass().getSimpleName() : e.getMessage()),
          "SmokeCheckFailed");
    }
  }
}
