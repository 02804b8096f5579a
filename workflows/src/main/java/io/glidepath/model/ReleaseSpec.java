package io.glidepath.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A release, as read from one YAML file: what to ship, where, how, and how it is judged. Immutable;
 * {@link io.glidepath.spec.SpecParser} builds it with the seed defaults filled in, and {@link
 * io.glidepath.spec.SpecValidator} checks it.
 *
 * @param soak how long every region is watched at 100% after the last region before the old version
 *     is retired
 * @param hooks named steps at fixed points of each region's flow; empty when none (and in releases
 *     started before hooks existed)
 * @param preflight limits the stable version must be within, per query name, before anything moves
 *     in any region (the seeds' "CPU/Memory < 60%", "DB connections < 15"); empty when none
 * @param slo the service's objectives and the error-budget floor a region needs to start; {@code
 *     null} when the spec has none (and in releases started before objectives existed)
 * @param environment the environment of the service this release goes to (its spec's {@code
 *     environments:}), named in cards; {@code null} for a spec without environments and in releases
 *     started before environments existed
 */
public record ReleaseSpec(
    String service,
    String version,
    String image,
    List<RegionSpec> regions,
    RolloutPolicy rollout,
    StrategySpec strategy,
    AnalysisSpec analysis,
    ApprovalPolicy approval,
    Duration soak,
    NotificationSpec notifications,
    List<HookSpec> hooks,
    Map<String, Double> preflight,
    ScheduleSpec schedule,
    SloSpec slo,
    String environment) {
  /** A release of a spec without environments, with its objectives. */
  public ReleaseSpec(
      String service,
      String version,
      String image,
      List<RegionSpec> regions,
      RolloutPolicy rollout,
      StrategySpec strategy,
      AnalysisSpec analysis,
      ApprovalPolicy approval,
      Duration soak,
      NotificationSpec notifications,
      List<HookSpec> hooks,
      Map<String, Double> preflight,
      ScheduleSpec schedule,
      SloSpec slo) {
    this(
        service,
        version,
        image,
        regions,
        rollout,
        strategy,
        analysis,
        approval,
        soak,
        notifications,
        hooks,
        preflight,
        schedule,
        slo,
        null);
  }

  /** The same release, going to {@code environment}. */
  public ReleaseSpec withEnvironment(String environment) {
    return new ReleaseSpec(
        service,
        version,
        image,
        regions,
        rollout,
        strategy,
        analysis,
        approval,
        soak,
        notifications,
        hooks,
        preflight,
        schedule,
        slo,
        environment);
  }

  public ReleaseSpec {
    schedule = schedule == null ? ScheduleSpec.ALWAYS : schedule;
    // Insertion order kept: the checks are listed and judged in the spec's order on every replay.
    preflight =
        preflight == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(preflight));
    regions = regions == null ? List.of() : List.copyOf(regions);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** The workflow id of this service's release: {@code release-<service>}. */
  public String releaseWorkflowId() {
    return releaseWorkflowId(service);
  }

  /** The workflow id of one region's rollout: {@code release-<service>-<region>}. */
  public String regionWorkflowId(String region) {
    return regionWorkflowId(service, region);
  }

  /** The workflow id of {@code service}'s release, for callers without its spec. */
  public static String releaseWorkflowId(String service) {
    return "release-" + service;
  }

  /** The workflow id of one region's rollout of {@code service}. */
  public static String regionWorkflowId(String service, String region) {
    return releaseWorkflowId(service) + "-" + region;
  }

  /** The hooks that run at {@code at}, in the order the spec lists them. */
  public List<HookSpec> hooksAt(HookSpec.HookPoint at) {
    return hooks.stream().filter(h -> h.at() == at).toList();
  }

  /** The region called {@code name}, or {@code null}. */
  public RegionSpec region(String name) {
    return regions.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }
}
