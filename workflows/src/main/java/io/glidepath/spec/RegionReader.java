package io.glidepath.spec;

import io.glidepath.model.Defaults;
import io.glidepath.model.DeploymentTarget;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.RolloutPolicy;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.model.TrafficTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code regions} and {@code rollout}: where the release goes, and in what order. */
final class RegionReader {
  private RegionReader() {}

  static RegionSpec region(YamlObject r) {
    String name = r.string("name");
    String cluster = r.string("cluster");
    String namespace = r.string("namespace");
    YamlObject d = r.object("deployment");
    DeploymentTarget deployment =
        new DeploymentTarget(d.string("stable"), d.string("canary"), d.string("container"));
    d.rejectUnknown();
    YamlObject t = r.object("traffic");
    TrafficRouterType type = t.choice("type", TrafficRouterType.class, null);
    Map<String, String> settings = t.rest(Set.of("type"));
    if (type != null) {
      for (String key : settings.keySet()) {
        if (!type.knownSettings().contains(key)) {
          t.problem(
              t.path(key),
              "unknown setting of traffic type "
                  + type.id()
                  + YamlObject.closest(key, type.knownSettings())
                      .map(best -> "; did you mean '" + best + "'?")
                      .orElse("")
                  + (type.knownSettings().isEmpty()
                      ? "; it takes no settings"
                      : "; its settings are " + String.join(", ", type.knownSettings())));
        }
      }
    }
    TrafficTarget traffic = new TrafficTarget(type, settings);
    List<String> smoke = r.strings("smokeChecks");
    r.rejectUnknown();
    if (deployment.canary() == null && deployment.stable() != null) {
      deployment =
          new DeploymentTarget(
              deployment.stable(), deployment.stable() + "-canary", deployment.container());
    }
    return new RegionSpec(name, cluster, namespace, deployment, traffic, smoke);
  }

  static RolloutPolicy rollout(YamlObject o) {
    RegionMode mode = o.choice("mode", RegionMode.class, RegionMode.SEQUENTIAL);
    Duration delay = o.duration("delay", mode == RegionMode.DELAYED ? Defaults.DELAY : null);
    RegionFailurePolicy onFailure =
        o.choice("onRegionFailure", RegionFailurePolicy.class, RegionFailurePolicy.HALT);
    Duration maxDelay = o.duration("maxDelay", null);
    o.rejectUnknown();
    return new RolloutPolicy(mode, delay, onFailure, maxDelay);
  }
}
