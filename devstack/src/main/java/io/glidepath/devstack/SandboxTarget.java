package io.glidepath.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glidepath.kubernetes.KubernetesClients;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a sandbox's clusters and metrics are, as {@code /sandbox} tells a worker in another
 * process: the API server of each region's cluster (the region name is the cluster name a spec
 * gives) and the Prometheus API analysis reads.
 *
 * @param prometheusUrl a real Prometheus, or the sandbox's own metric provider
 * @param realPrometheus whether {@code prometheusUrl} is a real Prometheus
 */
public record SandboxTarget(
    String url, Map<String, String> clusters, String prometheusUrl, boolean realPrometheus) {

  /** Asks the sandbox at {@code url} where its parts are; empty when none answers there. */
  public static java.util.Optional<SandboxTarget> fetch(String url) {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/sandbox"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new ObjectMapper().readValue(r.body(), SandboxTarget.class));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  /** One client per sandbox cluster; any other cluster is refused, naming the sandbox's. */
  public KubernetesClients kubernetesClients() {
    Map<String, KubernetesClient> made = new ConcurrentHashMap<>();
    return cluster -> {
      String api = clusters.get(cluster);
      if (api == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "cluster "
                + cluster
                + ": the sandbox has the clusters "
                + String.join(", ", clusters.keySet())
                + "; name one of them in the region's cluster field",
            "UnknownCluster");
      }
      return made.computeIfAbsent(
          cluster,
          c ->
              new KubernetesClientBuilder()
                  .withConfig(new ConfigBuilder().withMasterUrl(api).withNamespace("shop").build())
                  .build());
    };
  }
}
