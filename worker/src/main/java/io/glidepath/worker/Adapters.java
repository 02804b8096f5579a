package io.glidepath.worker;

import io.glidepath.analysis.AnalysisActivitiesImpl;
import io.glidepath.analysis.PrometheusChecks;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.deploy.DeploymentActivitiesImpl;
import io.glidepath.hooks.HookActivitiesImpl;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.notify.NotificationActivitiesImpl;
import io.glidepath.notify.Secrets;
import io.glidepath.traffic.TrafficActivitiesImpl;
import io.glidepath.traffic.TrafficRouter;
import io.glidepath.traffic.TrafficRouterRegistry;
import io.glidepath.traffic.kubernetes.GatewayRouteRouter;
import io.glidepath.traffic.kubernetes.NginxCanaryRouter;
import io.glidepath.traffic.kubernetes.ReplicaRatioRouter;
import io.glidepath.traffic.kubernetes.ServiceSelectorRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The activity implementations a worker registers, the same whether the clusters and Prometheus are
 * real or the sandbox's: the Kubernetes deploy activities and routers (plus any other routers),
 * Prometheus analysis, the hooks (Jobs in the same clusters, HTTP calls to URLs in secrets), and
 * the notifications.
 */
public final class Adapters {
  private Adapters() {}

  public static Object[] activities(
      KubernetesClients clusters,
      List<TrafficRouter> otherRouters,
      Duration rolloutPollInterval,
      PrometheusClient prometheus,
      AnalysisActivitiesImpl.CheckTimer checkTimer,
      NotificationActivitiesImpl notifications) {
    List<TrafficRouter> routers = new ArrayList<>();
    routers.add(new GatewayRouteRouter(clusters));
    routers.add(new NginxCanaryRouter(clusters));
    routers.add(new ReplicaRatioRouter(clusters));
    routers.add(new ServiceSelectorRouter(clusters));
    routers.addAll(otherRouters);
    return new Object[] {
      new TrafficActivitiesImpl(new TrafficRouterRegistry(routers)),
      new DeploymentActivitiesImpl(clusters, rolloutPollInterval),
      new HookActivitiesImpl(clusters, Secrets.fromEnvironment(), rolloutPollInterval),
      new AnalysisActivitiesImpl(new PrometheusChecks(prometheus), Clock.systemUTC(), checkTimer),
      notifications
    };
  }
}
