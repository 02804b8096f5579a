package io.glidepath.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a namespace of a real cluster holds, read as cluster-admin: a Deployment's ReplicaSets and
 * ready pods per version, a route's weights. Waits poll with a deadline.
 */
public record ClusterState(LocalKubernetes cluster, String ns) {
  private KubernetesClient admin() {
    return cluster.admin();
  }

  public Deployment deployment(String name) {
    return admin().apps().deployments().inNamespace(ns).withName(name).get();
  }

  /** Waits until the Deployment's rollout is complete (as kubectl rollout status says). */
  public void awaitRollout(String name) {
    cluster.await(
        "the rollout of " + ns + "/" + name,
        () -> deployment(name) != null && Rollout.of(deployment(name)).complete());
  }

  /**
   * The Deployment's ReplicaSets as {@code image -> replicas/ready}, e.g. {@code
   * {ghcr.io/acme/checkout:2.3.0=0/0, ghcr.io/acme/checkout:2.4.0=3/3}}.
   */
  public Map<String, String> replicaSets(String deployment) {
    return admin().apps().replicaSets().inNamespace(ns).list().getItems().stream()
        .filter(
            rs ->
                rs.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> o.getName().equals(deployment)))
        .collect(
            Collectors.toMap(
                rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                ClusterState::counts,
                (a, b) -> a + "," + b,
                TreeMap::new));
  }

  private static String counts(ReplicaSet rs) {
    Integer ready = rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas();
    return rs.getSpec().getReplicas() + "/" + (ready == null ? 0 : ready);
  }

  /** Waits until the Deployment's ReplicaSets are {@code wanted} (see {@link #replicaSets}). */
  public void awaitReplicaSets(String deployment, Map<String, String> wanted) {
    cluster.await(
        "ReplicaSets of " + ns + "/" + deployment + " to be " + wanted,
        () -> new TreeMap<>(wanted).equals(replicaSets(deployment)));
  }

  /**
   * The pods selected by {@code labels} that exist and are not being deleted, as {@code version ->
   * ready count}, e.g. {@code {2.4.0=3}}.
   */
  public Map<String, Long> readyPods(Map<String, String> labels) {
    return admin().pods().inNamespace(ns).withLabels(labels).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(ClusterState::ready)
        .collect(
            Collectors.groupingBy(
                p -> p.getMetadata().getLabels().get("version"),
                TreeMap::new,
                Collectors.counting()));
  }

  /** All pods selected by {@code labels}, terminating ones too. */
  public List<Pod> pods(Map<String, String> labels) {
    return admin().pods().inNamespace(ns).withLabels(labels).list().getItems();
  }

  /** Waits until exactly {@code wanted} pods are selected by {@code labels} (none terminating). */
  public void awaitPods(Map<String, String> labels, Map<String, Long> wanted) {
    cluster.await(
        "pods " + labels + " in " + ns + " to be " + wanted + " ready",
        () -> new TreeMap<>(wanted).equals(readyPods(labels)) && allCounted(labels, wanted));
  }

  private boolean allCounted(Map<String, String> labels, Map<String, Long> wanted) {
    long all = pods(labels).size();
    return all == wanted.values().stream().mapToLong(Long::longValue).sum();
  }

  private static boolean ready(Pod p) {
    return p.getStatus() != null
        && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The route's weights per rule, e.g. {@code [{checkout=90, checkout-canary=10}, {admin=1}]}. */
  public List<Map<String, Integer>> routeWeights(String route) {
    HTTPRoute r = admin().resources(HTTPRoute.class).inNamespace(ns).withName(route).get();
    return r.getSpec().getRules().stream()
        .map(
            rule ->
                rule.getBackendRefs().stream()
                    .collect(
                        Collectors.toMap(
                            HTTPBackendRef::getName,
                            HTTPBackendRef::getWeight,
                            (a, b) -> a,
                            TreeMap::new)))
        .<Map<String, Integer>>map(m -> m)
        .toList();
  }
}
