package io.glidepath.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's application.yml resolves to the documented defaults. */
class ConfigDefaultsTest {
  @Test
  void theTemporalAddressDefaultsToLocalhost7233() {
    assumeTrue(System.getenv("TEMPORAL_ADDRESS") == null, "TEMPORAL_ADDRESS is set here");
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      Environment env = context.getEnvironment().start();
      assertEquals(
          "localhost:7233", env.getProperty("glidepath.temporal.address", String.class).orElse(""));
    }
  }

  @Test
  void theEnvironmentVariableStillWins() {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .properties(Map.of("TEMPORAL_ADDRESS", "temporal.example:7233"))
            .build()) {
      Environment env = context.getEnvironment().start();
      assertEquals(
          "temporal.example:7233",
          env.getProperty("glidepath.temporal.address", String.class).orElse(""));
    }
  }
}
