package io.glidepath.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One client per cluster a region names, built on first use and kept: a kubeconfig context (from
 * {@code KUBECONFIG} or {@code ~/.kube/config}), or {@code in-cluster} for the service account of
 * the pod the worker runs in.
 */
public final class KubeconfigClients implements KubernetesClients, AutoCloseable {
  public static final String IN_CLUSTER = "in-cluster";

  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  @Override
  public KubernetesClient forCluster(String cluster) {
    return clients.computeIfAbsent(
        cluster, c -> new KubernetesClientBuilder().withConfig(config(c)).build());
  }

  static Config config(String cluster) {
    if (IN_CLUSTER.equals(cluster)) {
      if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "cluster in-cluster: this worker does not run in a Kubernetes pod; name a kubeconfig"
                + " context in the region's cluster field instead",
            "UnknownCluster");
      }
      return Config.autoConfigure(null);
    }
    Config config = Config.autoConfigure(cluster);
    NamedContext current = config.getCurrentContext();
    if (current == null || !cluster.equals(current.getName())) {
      String known =
          config.getContexts() == null
              ? "none"
              : config.getContexts().stream()
                  .map(NamedContext::getName)
                  .collect(Collectors.joining(", "));
      throw ApplicationFailure.newNonRetryableFailure(
          "cluster "
              + cluster
              + ": the worker's kubeconfig has no such context (it has: "
              + known
              + "); add the context or fix the region's cluster field",
          "UnknownCluster");
    }
    return config;
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
