package io.glidepath.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The client for each cluster a region names (a kubeconfig context, or {@code in-cluster}). */
@FunctionalInterface
public interface KubernetesClients {

  /** The client for {@code cluster}; fails naming the cluster when this worker has none for it. */
  KubernetesClient forCluster(String cluster);
}
