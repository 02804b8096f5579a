package io.glidepath.worker;

import io.glidepath.notify.ReleaseEventSink;
import io.glidepath.traffic.TrafficRouter;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the wiring tests of the worker and of the dev stack share (in the worker's test-jar). */
public final class WiringFixtures {
  private WiringFixtures() {}

  /**
   * A worker on a random HTTP port polling the Temporal server on {@code temporalPort}, with a
   * Cloudflare token file.
   */
  public static Map<String, String> workerOn(int temporalPort) {
    try {
      Path token = Files.createTempFile("cloudflare-token", "");
      Files.writeString(token, "test-token\n");
      token.toFile().deleteOnExit();
      return Map.of(
          "micronaut.server.port", "-1",
          "glidepath.temporal.address", "localhost:" + temporalPort,
          "glidepath.temporal.namespace", "default",
          "glidepath.temporal.api-key", "",
          "glidepath.shutdown-grace", "1s",
          "glidepath.cloudflare.token-file", token.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Set<String> routerTypes(ApplicationContext context) {
    return context.getBeansOfType(TrafficRouter.class).stream()
        .map(r -> r.type().id())
        .collect(Collectors.toSet());
  }

  public static Set<String> sinkNames(ApplicationContext context) {
    return context.getBeansOfType(ReleaseEventSink.class).stream()
        .map(ReleaseEventSink::name)
        .collect(Collectors.toSet());
  }
}
