package io.glidepath.worker.dev;

import io.glidepath.model.Quantities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * How the sandbox's versions misbehave: which region, which version (the new one, the stable one,
 * or one by its version label, so one dev stack can show a bad release between good ones), how (p95
 * latency, error rate) and from which weight on the new version:
 *
 * <pre>
 * faults:
 *   - {region: eu-west, version: new, p95: 520ms, fromWeight: 50}
 *   - {region: apac-se, version: new, errorRate: 2%}
 *   - {region: eu-west, version: "1.2.0", errorRate: 5%}
 * </pre>
 *
 * Everything else answers like a healthy service: 0.05% errors, p95 about 120 ms.
 */
public record FaultProfile(List<Fault> faults) {
  static final String NEW = "new";
  static final String STABLE = "stable";

  public static final double HEALTHY_ERROR_RATE = 0.0005;
  public static final Duration HEALTHY_P95 = Duration.ofMillis(120);

  /** eu-west's new version: p95 520 ms from 50%. */
  public static final FaultProfile DEMO =
      new FaultProfile(List.of(new Fault("eu-west", NEW, Duration.ofMillis(520), null, 50)));

  public static final FaultProfile HEALTHY = new FaultProfile(List.of());

  /**
   * One misbehaviour.
   *
   * @param version {@value #NEW} (the new version misbehaves), {@value #STABLE}, or a version label
   *     (whichever Deployment runs that version misbehaves, promoted or not)
   * @param p95 its p95 latency, or null to keep it healthy
   * @param errorRate its share of 5xx answers, or null to keep it healthy
   * @param fromWeight the weight on the new version from which it starts
   */
  public record Fault(
      String region, String version, Duration p95, Double errorRate, int fromWeight) {
    boolean hits(String versionLabel, boolean isNew) {
      return version.equals(NEW)
          ? isNew
          : version.equals(STABLE) ? !isNew : version.equals(versionLabel);
    }
  }

  /**
   * What {@code version} of {@code region} answers like, served by the new backend or not, while
   * the new version has {@code weight}%.
   */
  public Behaviour behaviour(String region, String version, boolean isNew, int weight) {
    Duration p95 = HEALTHY_P95;
    double errors = HEALTHY_ERROR_RATE;
    for (Fault f : faults) {
      if (f.region().equals(region) && f.hits(version, isNew) && weight >= f.fromWeight()) {
        p95 = f.p95() != null ? f.p95() : p95;
        errors = f.errorRate() != null ? f.errorRate() : errors;
      }
    }
    return new Behaviour(p95, errors);
  }

  /** The p95 latency and error rate a version answers with. */
  public record Behaviour(Duration p95, double errorRate) {}

  /** Reads a profile file; a wrong entry fails naming the field and the form it takes. */
  public static FaultProfile load(Path file) {
    Object root;
    try {
      root = new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fault profile " + file, e);
    }
    Object list = root instanceof Map<?, ?> m ? m.get("faults") : null;
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException(
          file + ": faults: expected a list like - {region: eu-west, p95: 520ms, fromWeight: 50}");
    }
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      faults.add(fault(file + ": faults[" + i + "]", items.get(i)));
    }
    return new FaultProfile(List.copyOf(faults));
  }

  private static Fault fault(String at, Object item) {
    if (!(item instanceof Map<?, ?> m) || !(m.get("region") instanceof String region)) {
      throw new IllegalArgumentException(at + ".region: required, e.g. region: eu-west");
    }
    String version = m.containsKey("version") ? String.valueOf(m.get("version")) : NEW;
    if (version.isBlank() || version.equals("null")) {
      throw new IllegalArgumentException(
          at + ".version: expected new, stable or a version label such as \"1.2.0\" (quoted)");
    }
    Duration p95 = null;
    Double errorRate = null;
    try {
      if (m.get("p95") != null) {
        p95 = Quantities.parseDuration(String.valueOf(m.get("p95")));
      }
      if (m.get("errorRate") != null) {
        errorRate = Quantities.parseRate(String.valueOf(m.get("errorRate")));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
    if (p95 == null && errorRate == null) {
      throw new IllegalArgumentException(
          at + ": say how it misbehaves with p95 (e.g. 520ms), errorRate (e.g. 2%) or both");
    }
    if (errorRate != null && (errorRate < 0 || errorRate > 1)) {
      throw new IllegalArgumentException(at + ".errorRate: expected 0% to 100%");
    }
    Object from = m.containsKey("fromWeight") ? m.get("fromWeight") : 0;
    if (!(from instanceof Integer weight) || weight < 0 || weight > 100) {
      throw new IllegalArgumentException(at + ".fromWeight: expected 0 to 100, got " + from);
    }
    return new Fault(region, version, p95, errorRate, weight);
  }

  /** One line for people: what misbehaves. */
  public String describe() {
    if (faults.isEmpty()) {
      return "Every region is healthy.";
    }
    List<String> parts = new ArrayList<>();
    for (Fault f : faults) {
      List<String> how = new ArrayList<>();
      if (f.p95() != null) {
        how.add("p95 " + Quantities.format(f.p95()));
      }
      if (f.errorRate() != null) {
        how.add(Quantities.percent(f.errorRate()) + " errors");
      }
      parts.add(
          String.format(
              "%s's %s version: %s from %d%%.",
              f.region(), f.version(), String.join(" and ", how), f.fromWeight()));
    }
    return String.join(" ", parts);
  }
}
