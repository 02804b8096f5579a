package io.glidepath.worker;

import io.glidepath.kubernetes.KubeconfigClients;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.traffic.flagd.FlagdRouter;
import io.glidepath.traffic.kubernetes.GatewayRouteRouter;
import io.glidepath.traffic.kubernetes.NginxCanaryRouter;
import io.glidepath.traffic.kubernetes.ReplicaRatioRouter;
import io.glidepath.traffic.kubernetes.ServiceSelectorRouter;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The Kubernetes routers, on whichever {@link KubernetesClients} bean there is: the kubeconfig's
 * clusters (one client per context a region names, or {@code in-cluster}), or in the {@code
 * sandbox} environment the sandbox's.
 */
@Factory
final class KubernetesAdapters {

  @Singleton
  @Requires(notEnv = WorkerSettings.SANDBOX_ENVIRONMENT)
  @Bean(preDestroy = "close")
  KubeconfigClients kubeconfig() {
    return new KubeconfigClients();
  }

  @Singleton
  GatewayRouteRouter gatewayApi(KubernetesClients clusters) {
    return new GatewayRouteRouter(clusters);
  }

  @Singleton
  NginxCanaryRouter nginxCanary(KubernetesClients clusters) {
    return new NginxCanaryRouter(clusters);
  }

  @Singleton
  ReplicaRatioRouter replicaRatio(KubernetesClients clusters) {
    return new ReplicaRatioRouter(clusters);
  }

  /** Feature flags: flagd's flag file in a ConfigMap of the region (or a file on the worker). */
  @Singleton
  FlagdRouter flagd(KubernetesClients clusters) {
    return new FlagdRouter(clusters);
  }

  @Singleton
  ServiceSelectorRouter serviceSelector(KubernetesClients clusters) {
    return new ServiceSelectorRouter(clusters);
  }
}
