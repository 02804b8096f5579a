package io.glidepath.worker.dev;

import io.glidepath.sandbox.SandboxWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Which region's new version misbehaves in the sandbox, how, and from which weight:
 *
 * <pre>
 * faults:
 *   - {region: eu-west, query: p95-latency, value: 0.520, fromWeight: 50}
 * </pre>
 *
 * Values are in the query's base unit (seconds for latency, a ratio for error rates).
 */
public record FaultProfile(List<Fault> faults) {
  /** eu-west's new version: p95 520 ms from 50%. */
  public static final FaultProfile DEMO =
      new FaultProfile(List.of(new Fault("eu-west", "p95-latency", 0.520, 50)));

  public static final FaultProfile HEALTHY = new FaultProfile(List.of());

  public record Fault(String region, String query, double value, int fromWeight) {}

  @SuppressWarnings("unchecked")
  public static FaultProfile load(Path file) {
    Map<String, Object> root;
    try {
      root = new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fault profile " + file, e);
    }
    List<Fault> faults = new ArrayList<>();
    Object list = root == null ? null : root.get("faults");
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException(
          file + ": faults: expected a list of {region, query, value, fromWeight}");
    }
    int i = 0;
    for (Object item : items) {
      String at = file + ": faults[" + i++ + "]";
      if (!(item instanceof Map<?, ?> m)
          || !(m.get("region") instanceof String region)
          || !(m.get("query") instanceof String query)
          || !(m.get("value") instanceof Number value)) {
        throw new IllegalArgumentException(
            at
                + ": needs region, query and a numeric value, e.g. {region: eu-west, query:"
                + " p95-latency, value: 0.520, fromWeight: 50}");
      }
      Object from = ((Map<String, Object>) m).getOrDefault("fromWeight", 0);
      if (!(from instanceof Integer weight) || weight < 0 || weight > 100) {
        throw new IllegalArgumentException(at + ".fromWeight: expected 0 to 100, got " + from);
      }
      faults.add(new Fault(region, query, value.doubleValue(), weight));
    }
    return new FaultProfile(List.copyOf(faults));
  }

  /** Makes the sandbox's metrics healthy except where a fault applies. */
  public void applyTo(SandboxWorld world) {
    world.metrics =
        (region, weight, query, check) -> {
          for (Fault f : faults) {
            if (f.region().equals(region) && f.query().equals(query) && weight >= f.fromWeight()) {
              return f.value();
            }
          }
          return SandboxWorld.healthy(region, weight, query, check);
        };
  }

  /** One line for people: what misbehaves. */
  public String describe() {
    if (faults.isEmpty()) {
      return "Every region is healthy.";
    }
    StringBuilder out = new StringBuilder();
    for (Fault f : faults) {
      out.append(
          String.format(
              "%s's new version: %s %s from %d%%. ",
              f.region(), f.query(), f.value(), f.fromWeight()));
    }
    return out.toString().trim();
  }
}
