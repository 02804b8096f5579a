package io.glidepath.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import io.glidepath.kubernetes.Rollout;
import io.glidepath.model.Images;
import io.glidepath.model.TrafficRouterType;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The deployment contract on Kubernetes through Fabric8. Every call states an end state (a
 * Deployment with this template, this many replicas), so a retry or a repeat changes nothing more.
 * Mutations are JSON patches ({@code edit}) that re-read the object on a 409 Conflict.
 */
public final class DeploymentActivitiesImpl implements DeploymentActivities {
  /** Pod restarts above this mean the new version is crash-looping (the runbook's rule). */
  public static final int MAX_RESTARTS = 2;

  /** Template labels that carry the version; the first one present is rewritten. */
  static final List<String> VERSION_LABELS = List.of("version", "app.kubernetes.io/version");

  /**
   * The label that tells a stable Deployment's pods from the new version's when both select on the
   * same app: the new version's Deployment gets {@code canary} in it.
   */
  static final String TRACK_LABEL = "track";

  static final String PREVIOUS_TEMPLATE = "glidepath.io/previous-template";
  static final String RELEASE = "glidepath.io/release";

  private final KubernetesClients clients;
  private final Duration pollInterval;
  private final OkHttpClient http;

  public DeploymentActivitiesImpl(KubernetesClients clients, Duration pollInterval) {
    this.clients = clients;
    this.pollInterval = pollInterval;
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .followRedirects(false)
            .build();
  }

  @Override
  public PreflightReport preflight(DeployRequest r) {
    Deployment stable = require(r, r.region().deployment().stable(), "check deployment.stable");
    container(stable, r);
    pinnedVersion(stable, r);
    Rollout status = Rollout.of(stable);
    if (!status.complete() || status.desired() == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          what(r, r.region().deployment().stable())
              + " is not healthy ("
              + status.describe()
              + "); fix the stable version before releasing over it",
          "StableUnhealthy");
    }
    return new PreflightReport(
        r.region().name(),
        versionOf(stable, r),
        status.available(),
        status.desired(),
        container(stable, r).getImage());
  }

  @Override
  public void deployNew(DeployRequest r) {
    String name = r.region().deployment().canary();
    call(
        r,
        name,
        () -> {
          Deployment stable =
              require(r, r.region().deployment().stable(), "check deployment.stable");
          Deployment wanted = canaryFrom(stable, r);
          var canary = deployments(r).withName(name);
          Deployment current = canary.get();
          if (current != null
              && !current.getSpec().getSelector().equals(wanted.getSpec().getSelector())) {
            // The selector is immutable: a canary left from another version is replaced.
            canary.delete();
            current = null;
          }
          if (current == null) {
            deployments(r).resource(wanted).create();
          } else {
            canary.edit(
                d -> {
                  d.getMetadata().setLabels(wanted.getMetadata().getLabels());
                  d.getMetadata().getAnnotations().put(RELEASE, r.releaseId());
                  d.setSpec(wanted.getSpec());
                  return d;
                });
          }
          return null;
        });
    awaitRollout(r, name);
  }

  @Override
  public void verifyHealthy(DeployRequest r) {
    String name = r.region().deployment().canary();
    Deployment canary = require(r, name, "run the deploy step first");
    Rollout status = Rollout.of(canary);
    List<Pod> pods = newPods(r, canary);
    crashLooping(r, pods);
    long ready = pods.stream().filter(DeploymentActivitiesImpl::ready).count();
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

  @Override
  public void scaleDownNew(DeployRequest r) {
    scaleToZero(r, r.region().deployment().canary());
  }

  @Override
  public void retireStable(DeployRequest r) {
    scaleToZero(r, r.region().deployment().stable());
  }

  @Override
  public void rollingUpdate(DeployRequest r) {
    replaceStableTemplate(
        r,
        stable -> {
          PodTemplateSpec t = copy(stable.getSpec().getTemplate());
          relabel(t.getMetadata().getLabels(), r, false);
          container(t, r).setImage(r.image());
          return t;
        },
        d -> {
          if (r.maxSurge() != null || r.maxUnavailable() != null) {
            d.getSpec()
                .setStrategy(
                    new DeploymentStrategy(
                        new RollingUpdateDeploymentBuilder()
                            .withMaxSurge(intOrPercent(r.maxSurge()))
                            .withMaxUnavailable(intOrPercent(r.maxUnavailable()))
                            .build(),
                        "RollingUpdate"));
          }
        });
  }

  @Override
  public void undoRollingUpdate(DeployRequest r) {
    restoreStable(r);
  }

  @Override
  public void promote(DeployRequest r) {
    replaceStableTemplate(
        r,
        stable -> {
          Deployment canary =
              require(r, r.region().deployment().canary(), "run the deploy step first");
          return copy(canary.getSpec().getTemplate());
        },
        d -> {});
  }

  @Override
  public void restoreStable(DeployRequest r) {
    String name = r.region().deployment().stable();
    boolean undone =
        call(
            r,
            name,
            () -> {
              Deployment current = require(r, name, "check deployment.stable");
              String previous = current.getMetadata().getAnnotations().get(PREVIOUS_TEMPLATE);
              if (previous == null || !r.image().equals(container(current, r).getImage())) {
                return false; // never applied, or already undone
              }
              PodTemplateSpec template = Serialization.unmarshal(previous, PodTemplateSpec.class);
              deployments(r)
                  .withName(name)
                  .edit(
                      d -> {
                        d.getSpec().setTemplate(template);
                        d.getMetadata().getAnnotations().remove(PREVIOUS_TEMPLATE);
                        return d;
                      });
              return true;
            });
    if (undone) {
      awaitRollout(r, name);
    }
  }

  /**
   * Gives the stable Deployment the template {@code wanted} builds from it, keeping the labels its
   * selector pins (a Deployment's selector is immutable) and its previous template in an annotation
   * for {@link #restoreStable}; then waits for the rollout. A repeat after the template landed only
   * waits, so a retry or a resumed promotion never overwrites the previous template.
   */
  private void replaceStableTemplate(
      DeployRequest r,
      java.util.function.Function<Deployment, PodTemplateSpec> wanted,
      java.util.function.Consumer<Deployment> alsoOnStable) {
    String name = r.region().deployment().stable();
    call(
        r,
        name,
        () -> {
          Deployment current = require(r, name, "check deployment.stable");
          if (r.image().equals(container(current, r).getImage())) {
            return null; // already updated: a repeat, or a retry after the patch landed
          }
          String previous = Serialization.asJson(current.getSpec().getTemplate());
          PodTemplateSpec template = wanted.apply(current);
          Map<String, String> labels =
              new LinkedHashMap<>(orEmpty(template.getMetadata().getLabels()));
          labels.putAll(current.getSpec().getSelector().getMatchLabels());
          template.getMetadata().setLabels(labels);
          deployments(r)
              .withName(name)
              .edit(
                  d -> {
                    d.getMetadata().getAnnotations().put(PREVIOUS_TEMPLATE, previous);
                    d.getMetadata().getAnnotations().put(RELEASE, r.releaseId());
                    d.getSpec().setTemplate(template);
                    alsoOnStable.accept(d);
                    return d;
                  });
          return null;
        });
    awaitRollout(r, name);
  }

  private static PodTemplateSpec copy(PodTemplateSpec t) {
    return Serialization.unmarshal(Serialization.asJson(t), PodTemplateSpec.class);
  }

  // ---- the new Deployment ----

  /** The stable Deployment's copy for the new version: new name, image and version labels. */
  private Deployment canaryFrom(Deployment stable, DeployRequest r) {
    Deployment d = new DeploymentBuilder(stable).withStatus(null).build();
    var meta = d.getMetadata();
    Map<String, String> labels = new LinkedHashMap<>(orEmpty(meta.getLabels()));
    relabel(labels, r, true);
    d.setMetadata(
        new ObjectMetaBuilder()
            .withName(r.region().deployment().canary())
            .withNamespace(r.region().namespace())
            .withLabels(labels)
            .withAnnotations(Map.of(RELEASE, r.releaseId()))
            .build());
    Map<String, String> selector = new LinkedHashMap<>(d.getSpec().getSelector().getMatchLabels());
    relabel(selector, r, true);
    d.getSpec().getSelector().setMatchLabels(selector);
    Map<String, String> podLabels =
        new LinkedHashMap<>(orEmpty(d.getSpec().getTemplate().getMetadata().getLabels()));
    relabel(podLabels, r, true);
    d.getSpec().getTemplate().getMetadata().setLabels(podLabels);
    container(d, r).setImage(r.image());
    if (r.region().traffic().type() == TrafficRouterType.REPLICA_RATIO) {
      d.getSpec().setReplicas(0); // the router gives it pods as it gives it traffic
    }
    return d;
  }

  /**
   * Writes the new version into the first version label present (adding {@code version} when none
   * is) and, for the new version's own Deployment, {@code canary} into the track label.
   */
  private static void relabel(Map<String, String> labels, DeployRequest r, boolean canary) {
    if (canary && labels.containsKey(TRACK_LABEL)) {
      labels.put(TRACK_LABEL, "canary");
    }
    for (String key : VERSION_LABELS) {
      if (labels.containsKey(key)) {
        labels.put(key, r.version());
        return;
      }
    }
    labels.put(VERSION_LABELS.get(0), r.version());
  }

  /**
   * Refuses a stable Deployment whose selector pins the version: its selector cannot change, so it
   * could never run (be promoted to) another version.
   */
  private static void pinnedVersion(Deployment stable, DeployRequest r) {
    Map<String, String> selector = orEmpty(stable.getSpec().getSelector().getMatchLabels());
    for (String key : VERSION_LABELS) {
      if (selector.containsKey(key)) {
        throw ApplicationFailure.newNonRetryableFailure(
            what(r, r.region().deployment().stable())
                + " selects its pods by "
                + key
                + "="
                + selector.get(key)
                + ", so it can never run another version (a Deployment's selector cannot change);"
                + " select on the app and a track label instead (track: stable), see"
                + " docs/providers/kubernetes.md",
            "StableSelectorPinsVersion");
      }
    }
  }

  // ---- waiting and checking ----

  /** Polls the rollout, heartbeating where it stands, until it is complete; fails if it stalls. */
  private void awaitRollout(DeployRequest r, String name) {
    while (true) {
      Deployment d = require(r, name, "it was deleted during the rollout");
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

  /** The Deployment's pods that run the new image. */
  private List<Pod> newPods(DeployRequest r, Deployment d) {
    String container = container(d, r).getName();
    return call(
        r,
        d.getMetadata().getName(),
        () ->
            client(r)
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

  private void smoke(String url) {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      if (response.code() != 200) {
        throw ApplicationFailure.newFailure(
            "smoke check " + url + " answered HTTP " + response.code() + ", not 200",
            "SmokeCheckFailed");
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "smoke check " + url + " did not answer: " + e.getMessage(), "SmokeCheckFailed");
    }
  }

  // ---- plumbing ----

  private void scaleToZero(DeployRequest r, String name) {
    call(
        r,
        name,
        () -> {
          var d = deployments(r).withName(name);
          Deployment current = d.get();
          if (current != null && !Integer.valueOf(0).equals(current.getSpec().getReplicas())) {
            d.scale(0);
          }
          return null;
        });
  }

  private Deployment require(DeployRequest r, String name, String fix) {
    Deployment d = call(r, name, () -> deployments(r).withName(name).get());
    if (d == null) {
      throw KubernetesFailures.missing(
          "Deployment " + r.region().namespace() + "/" + name, r.region().cluster(), fix);
    }
    return d;
  }

  /** The container whose image changes: the one the spec names, or the first. */
  private static Container container(Deployment d, DeployRequest r) {
    return container(d.getSpec().getTemplate(), r, d.getMetadata().getName());
  }

  private static Container container(PodTemplateSpec t, DeployRequest r) {
    return container(t, r, r.region().deployment().stable());
  }

  private static Container container(PodTemplateSpec t, DeployRequest r, String deployment) {
    List<Container> containers = t.getSpec().getContainers();
    String wanted = r.region().deployment().container();
    if (wanted == null) {
      return containers.get(0);
    }
    return containers.stream()
        .filter(c -> c.getName().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    what(r, deployment)
                        + " has no container "
                        + wanted
                        + " (it has "
                        + containers.stream().map(Container::getName).toList()
                        + "); fix deployment.container",
                    "NotFound"));
  }

  /** The stable version: its version label, else its image tag. */
  private static String versionOf(Deployment d, DeployRequest r) {
    Map<String, String> labels = orEmpty(d.getSpec().getTemplate().getMetadata().getLabels());
    for (String key : VERSION_LABELS) {
      if (labels.containsKey(key)) {
        return labels.get(key);
      }
    }
    String image = container(d, r).getImage();
    String tag = Images.tag(image);
    return tag == null ? image : tag;
  }

  private static IntOrString intOrPercent(String value) {
    if (value == null) {
      return null;
    }
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }

  private <T> T call(DeployRequest r, String name, Supplier<T> step) {
    try {
      return KubernetesFailures.rereadOnConflict(step);
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what(r, name), r.region().cluster());
    }
  }

  private KubernetesClient client(DeployRequest r) {
    return clients.forCluster(r.region().cluster());
  }

  private NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>>
      deployments(DeployRequest r) {
    return client(r).apps().deployments().inNamespace(r.region().namespace());
  }

  private static String what(DeployRequest r, String name) {
    return "Deployment " + r.region().namespace() + "/" + name;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
