package io.glidepath.devstack;

import io.glidepath.model.Quantities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * How the sandbox misbehaves. A version: which region, which version (the new one, the stable one,
 * or one by its version label, so one dev stack can show a bad release between good ones), how (p95
 * latency, error rate) and from which weight on the new version. A hook: every Job of that hook in
 * the region fails. A stalled write: the first write in the region that puts a route's traffic back
 * on its stable backend from a split hangs for a while and is never applied, as if the worker
 * sending it had died in the middle of it (another attempt goes through).
 *
 * <pre>
 * faults:
 *   - {region: eu-west, version: new, p95: 520ms, fromWeight: 50}
 *   - {region: apac-se, version: new, errorRate: 2%}
 *   - {region: eu-west, version: "1.2.0", errorRate: 5%}
 *   - {region: eu-west, hook: migrate}
 *   - {region: us-east, stall: rollback, for: 60s}
 * </pre>
 *
 * Everything else answers like a healthy service: 0.05% errors, p95 about 120 ms.
 */
public record FaultProfile(List<Fault> faults, List<HookFault> hooks, List<Stall> stalls) {
  static final String NEW = "new";
  static final String STABLE = "stable";

  public static final double HEALTHY_ERROR_RATE = 0.0005;
  public static final Duration HEALTHY_P95 = Duration.ofMillis(120);

  /** eu-west's new version: p95 520 ms from 50%. */
  public static final FaultProfile DEMO =
      new FaultProfile(
          List.of(new Fault("eu-west", NEW, Duration.ofMillis(520), null, 50)),
          List.of(),
          List.of());

  public static final FaultProfile HEALTHY = new FaultProfile(List.of(), List.of(), List.of());

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

  /** Every Job of hook {@code hook} in {@code region} fails. */
  public record HookFault(String region, String hook) {}

  /** The first write in {@code region} that puts traffic back on stable hangs for {@code lasts}. */
  public record Stall(String region, Duration lasts) {}

  /** The hooks whose Jobs fail in {@code region}. */
  public List<String> failingHooks(String region) {
    return hooks.stream().filter(h -> h.region().equals(region)).map(HookFault::hook).toList();
  }

  /** How long the first rollback write in {@code region} hangs, if it does. */
  public Optional<Duration> stall(String region) {
    return stalls.stream().filter(s -> s.region().equals(region)).map(Stall::lasts).findFirst();
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
    List<HookFault> hooks = new ArrayList<>();
    List<Stall> stalls = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = file + ": faults[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> m) || !(m.get("region") instanceof String region)) {
        throw new IllegalArgumentException(at + ".region: required, e.g. region: eu-west");
      }
      if (m.containsKey("hook")) {
        hooks.add(new HookFault(region, text(at + ".hook", m.get("hook"), "hook: migrate")));
      } else if (m.containsKey("stall")) {
        stalls.add(stall(at, region, m));
      } else {
        faults.add(fault(at, region, m));
      }
    }
    return new FaultProfile(List.copyOf(faults), List.copyOf(hooks), List.copyOf(stalls));
  }

  private static String text(String at, Object value, String example) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(at + ": expected a name, e.g. " + example);
    }
    return s;
  }

  private static Stall stall(String at, String region, Map<?, ?> m) {
    if (!"rollback".equals(m.get("stall"))) {
      throw new IllegalArgumentException(at + ".stall: the one write that stalls is rollback");
    }
    try {
      return new Stall(
          region,
          Quantities.parseDuration(String.valueOf(m.containsKey("for") ? m.get("for") : "60s")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".for: " + e.getMessage() + ", e.g. for: 60s", e);
    }
  }

  private static Fault fault(String at, String region, Map<?, ?> m) {
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
    if (faults.isEmpty() && hooks.isEmpty() && stalls.isEmpty()) {
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
    hooks.forEach(h -> parts.add(h.region() + "'s " + h.hook() + " hook fails."));
    stalls.forEach(
        s ->
            parts.add(
                s.region()
                    + "'s first write back to stable hangs "
                    + Quantities.format(s.lasts())
                    + " and is lost."));
    return String.join(" ", parts);
  }
}
