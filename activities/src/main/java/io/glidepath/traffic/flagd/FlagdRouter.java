package io.glidepath.traffic.flagd;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import io.glidepath.model.FlagSettings;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.traffic.FlagStep;
import io.glidepath.traffic.TrafficRouter;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An OpenFeature flagd flag as a traffic layer: writes the flag's definition ({@link
 * FlagDefinition}) into the flag file flagd reads, in a ConfigMap of the region's namespace
 * (created when missing; other flags in it stay) and/or a file on the worker, then reads the share
 * back from what was stored. A ConfigMap update is written with its resource version, so a
 * concurrent writer's change is re-read, never lost.
 */
public final class FlagdRouter implements TrafficRouter {
  private final KubernetesClients clients;

  /** A router that writes ConfigMaps through {@code clients} (and files, when a spec names one). */
  public FlagdRouter(KubernetesClients clients) {
    this.clients = clients;
  }

  @Override
  public TrafficRouterType type() {
    return TrafficRouterType.FLAGD;
  }

  /** A plain weight: the allowlist on while the weight is above 0, never promoted. */
  @Override
  public int setWeight(RegionSpec region, int weight) {
    FlagSettings f = FlagSettings.of(region.traffic());
    return setFlag(region, weight, new FlagStep(f.hasAllowlist() && weight > 0, false));
  }

  @Override
  public int setFlag(RegionSpec region, int weight, FlagStep step) {
    FlagSettings f = FlagSettings.of(region.traffic());
    var flag = FlagDefinition.flag(f, weight, step);
    int readBack = -1;
    if (f.file() != null) {
      readBack = writeFile(Path.of(f.file()), f, flag);
    }
    if (f.configMap() != null) {
      readBack = writeConfigMap(region, f, flag);
    }
    return readBack;
  }

  private int writeConfigMap(
      RegionSpec region, FlagSettings f, com.fasterxml.jackson.databind.node.ObjectNode flag) {
    String what = "ConfigMap " + region.namespace() + "/" + f.configMap();
    KubernetesClient k8s = clients.forCluster(region.cluster());
    try {
      return KubernetesFailures.rereadOnConflict(
          () -> {
            var resource = k8s.configMaps().inNamespace(region.namespace()).withName(f.configMap());
            ConfigMap current = resource.get();
            String existing =
                current == null || current.getData() == null
                    ? null
                    : current.getData().get(FlagSettings.CONFIG_MAP_KEY);
            String text = rewrite(existing, f, flag, what);
            if (current == null) {
              k8s.configMaps()
                  .inNamespace(region.namespace())
                  .resource(
                      new ConfigMapBuilder()
                          .withNewMetadata()
                          .withName(f.configMap())
                          .withNamespace(region.namespace())
                          .addToLabels("app.kubernetes.io/managed-by", "glidepath")
                          .endMetadata()
                          .addToData(FlagSettings.CONFIG_MAP_KEY, text)
                          .build())
                  .create();
            } else if (!text.equals(existing)) {
              Map<String, String> data =
                  new HashMap<>(current.getData() == null ? Map.of() : current.getData());
              data.put(FlagSettings.CONFIG_MAP_KEY, text);
              current.setData(data);
              // The resource version read above makes a concurrent change a 409: re-read.
              k8s.configMaps().inNamespace(region.namespace()).resource(current).update();
            }
            ConfigMap stored = resource.get();
            return FlagDefinition.percentIn(
                stored.getData().get(FlagSettings.CONFIG_MAP_KEY), f.flag(), f);
          });
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what, region.cluster());
    }
  }

  /** Replaces the flag in the file atomically (a temporary file moved over it). */
  private static int writeFile(
      Path file, FlagSettings f, com.fasterxml.jackson.databind.node.ObjectNode flag) {
    String what = "flag file " + file;
    try {
      String existing = Files.exists(file) ? Files.readString(file) : null;
      String text = rewrite(existing, f, flag, what);
      if (!text.equals(existing)) {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".glidepath-", ".json");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return FlagDefinition.percentIn(Files.readString(file), f.flag(), f);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot write "
              + what
              + ": "
              + e.getMessage()
              + "; check the path and that the worker may write there",
          "FlagFileUnwritable");
    } catch (UncheckedIOException e) {
      throw ApplicationFailure.newFailure("cannot write " + what, "FlagFileUnwritable");
    }
  }

  private static String rewrite(
      String existing,
      FlagSettings f,
      com.fasterxml.jackson.databind.node.ObjectNode flag,
      String what) {
    try {
      return FlagDefinition.write(existing, f.flag(), flag);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          what
              + " "
              + e.getMessage()
              + "; fix or empty it, or point traffic.configMap / traffic.file elsewhere",
          "NotAFlagFile");
    }
  }
}
