package io.glidepath.devstack;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glidepath.model.Images;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sends a region's requests through the weights set on its HTTPRoutes, as a gateway would: each
 * backend's share goes to the pods of the Deployment of that name, which answer with the latency
 * and error rate their {@link FaultProfile} gives them; a backend with no ready pod answers 503.
 * The first backend of a route's first rule is stable, any other is the new version.
 */
final class TrafficSimulator {
  /** Requests per second each route takes. */
  static final int REQUESTS_PER_SECOND = 1000;

  /** sigma of the log-normal latency; the p95 is the median times e^(1.645 sigma). */
  private static final double SIGMA = 0.3;

  private final String region;
  private final String namespace;
  private final KubernetesClient client;
  private final SandboxMetrics metrics;
  private final FaultProfile faults;
  private final Random random = new Random(42);
  private final Map<String, Double> carry = new HashMap<>();

  TrafficSimulator(
      String region,
      String namespace,
      KubernetesClient client,
      SandboxMetrics metrics,
      FaultProfile faults) {
    this.region = region;
    this.namespace = namespace;
    this.client = client;
    this.metrics = metrics;
    this.faults = faults;
  }

  /** Sends the requests of {@code seconds} of traffic through every route of the region. */
  void tick(double seconds) {
    Map<String, Deployment> deployments = new HashMap<>();
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      deployments.put(d.getMetadata().getName(), d);
    }
    for (HTTPRoute route :
        client.resources(HTTPRoute.class).inNamespace(namespace).list().getItems()) {
      if (route.getSpec().getRules() == null || route.getSpec().getRules().isEmpty()) {
        continue;
      }
      List<HTTPBackendRef> backends = route.getSpec().getRules().get(0).getBackendRefs();
      int total = backends.stream().mapToInt(b -> weight(b)).sum();
      if (total == 0) {
        continue;
      }
      int newWeight = 100 * (total - weight(backends.get(0))) / total;
      for (int i = 0; i < backends.size(); i++) {
        HTTPBackendRef b = backends.get(i);
        String key = route.getMetadata().getName() + "/" + b.getName();
        double due =
            carry.getOrDefault(key, 0.0) + REQUESTS_PER_SECOND * seconds * weight(b) / total;
        int requests = (int) due;
        carry.put(key, due - requests);
        send(
            route.getMetadata().getName(),
            b.getName(),
            deployments.get(b.getName()),
            i > 0,
            newWeight,
            requests);
      }
    }
  }

  private static int weight(HTTPBackendRef b) {
    return b.getWeight() == null ? 1 : b.getWeight();
  }

  private void send(
      String service, String backend, Deployment d, boolean isNew, int newWeight, int requests) {
    if (requests == 0) {
      return;
    }
    String version = d == null ? backend : versionOf(d);
    boolean ready = d != null && d.getStatus() != null && nonZero(d.getStatus().getReadyReplicas());
    if (ready) {
      metrics.gauges(service, region, version, 0.2 + 0.1 * random.nextDouble(), 310e6, 1024e6);
    }
    FaultProfile.Behaviour b = faults.behaviour(region, version, isNew, newWeight);
    double median = b.p95().toMillis() / 1000.0 / Math.exp(1.645 * SIGMA);
    for (int r = 0; r < requests; r++) {
      if (!ready) {
        metrics.record(service, region, version, 503, 0.001);
        continue;
      }
      int status = random.nextDouble() < b.errorRate() ? 500 : 200;
      metrics.record(
          service, region, version, status, median * Math.exp(SIGMA * random.nextGaussian()));
    }
  }

  private static boolean nonZero(Integer n) {
    return n != null && n > 0;
  }

  private static String versionOf(Deployment d) {
    Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
    if (labels != null && labels.get("version") != null) {
      return labels.get("version");
    }
    return Images.tag(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }
}
