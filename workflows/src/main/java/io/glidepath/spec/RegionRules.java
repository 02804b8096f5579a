package io.glidepath.spec;

import static io.glidepath.spec.Problems.blank;

import io.glidepath.model.Bounds;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TrafficRouterType;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of {@code regions}: where the release goes and how each region's traffic moves. */
final class RegionRules {
  /** A name that becomes part of Kubernetes objects and workflow ids. */
  static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private RegionRules() {}

  static void check(ReleaseSpec s, Problems problems) {
    if (s.regions().isEmpty()) {
      problems.add("regions", "required; list at least one region with name, cluster, namespace");
      return;
    }
    if (s.regions().size() > Bounds.MAX_REGIONS) {
      problems.add(
          "regions",
          s.regions().size()
              + " regions are more than "
              + Bounds.MAX_REGIONS
              + "; split the release");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.regions().size(); i++) {
      RegionSpec r = s.regions().get(i);
      String at = "regions[" + i + "]";
      if (blank(r.name())) {
        problems.add(at + ".name", "required; e.g. name: us-east");
      } else if (!DNS_LABEL.matcher(r.name()).matches()) {
        problems.add(at + ".name", "'" + r.name() + "' must be lower-case letters, digits and '-'");
      } else if (!seen.add(r.name())) {
        problems.add(
            at + ".name", "'" + r.name() + "' appears twice; each region name must be unique");
      }
      if (blank(r.cluster())) {
        problems.add(at + ".cluster", "required; a kubeconfig context, or in-cluster");
      }
      if (blank(r.namespace())) {
        problems.add(at + ".namespace", "required; the Kubernetes namespace of the service");
      }
      if (r.deployment() == null || blank(r.deployment().stable())) {
        problems.add(
            at + ".deployment.stable",
            "required; name the Deployment that serves the stable version");
      }
      traffic(at + ".traffic", r, s.strategy(), problems);
      if (r.smokeChecks().size() > Bounds.MAX_SMOKE_CHECKS) {
        problems.add(
            at + ".smokeChecks",
            r.smokeChecks().size() + " smoke checks are more than " + Bounds.MAX_SMOKE_CHECKS);
      }
      for (int j = 0; j < r.smokeChecks().size(); j++) {
        String url = r.smokeChecks().get(j);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          // The value is not echoed: a mistyped entry may be a credential.
          problems.add(at + ".smokeChecks[" + j + "]", "must be an http:// or https:// URL");
        }
      }
    }
  }

  private static void traffic(String at, RegionSpec r, StrategySpec strategy, Problems problems) {
    TrafficRouterType type = r.traffic() == null ? null : r.traffic().type();
    if (type == null) {
      problems.add(
          at + ".type",
          "required; one of " + String.join(", ", YamlObject.spellings(TrafficRouterType.class)));
      return;
    }
    for (String key : type.requiredSettings()) {
      if (blank(r.traffic().settings().get(key))) {
        problems.add(at + "." + key, "required by traffic type " + type.id());
      }
    }
    if (strategy == null) {
      return;
    }
    if (strategy.type() == StrategyType.CANARY && !type.weighted()) {
      problems.add(
          at + ".type",
          type.id()
              + " only switches all traffic at once, but canary stages need weights; use"
              + " gateway-api, nginx-canary, replica-ratio, cloudflare-origin-weight or"
              + " cloudflare-pool-weight, or strategy blueGreen");
    }
    if (type == TrafficRouterType.NONE && strategy.type() != StrategyType.ROLLING) {
      problems.add(at + ".type", "none moves no traffic, so only strategy rolling can use it");
    }
  }
}
