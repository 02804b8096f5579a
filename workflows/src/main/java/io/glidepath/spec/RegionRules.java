package io.glidepath.spec;

import static io.glidepath.spec.Problems.blank;

import io.glidepath.model.Bounds;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StrategySpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TrafficRouterType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of {@code regions}: where the release goes and how each region's traffic moves. */
final class RegionRules {
  /** A name that becomes part of Kubernetes objects and workflow ids. */
  static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** A Kubernetes object name of the subdomain form (RFC 1123): labels joined by dots. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A Kubernetes label key: an optional DNS prefix and a name of at most 63 characters. */
  private static final Pattern LABEL_KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  /** A URL with user information ({@code user:password@host}). */
  private static final Pattern CREDENTIALS_IN_URL =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@");

  /** A query parameter that carries a credential. */
  private static final Pattern SECRET_QUERY =
      Pattern.compile(
          "(?i)[?&](access_?token|api_?key|apikey|auth|key|password|passwd|pwd|secret|sig|signature"
              + "|token|x-amz-signature)=");

  /** Settings naming the stable and the new version's side of one traffic layer. */
  private static final List<String[]> SAME_TARGET =
      List.of(
          new String[] {"stableBackend", "canaryBackend"},
          new String[] {"stableOrigin", "canaryOrigin"},
          new String[] {"stablePool", "canaryPool"},
          new String[] {"stableAddress", "canaryAddress"});

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
      } else if (r.name().length() > Bounds.MAX_REGION_NAME) {
        problems.addNew(
            at + ".name",
            r.name().length()
                + " characters are more than "
                + Bounds.MAX_REGION_NAME
                + "; a region's name is part of its workflow id and of Kubernetes labels, so"
                + " shorten it");
      } else if (!seen.add(r.name())) {
        problems.add(
            at + ".name", "'" + r.name() + "' appears twice; each region name must be unique");
      }
      if (blank(r.cluster())) {
        problems.add(at + ".cluster", "required; a kubeconfig context, or in-cluster");
      } else if (r.cluster().contains("://")) {
        // Not echoed: a cluster URL may carry a token or a password.
        problems.addNew(
            at + ".cluster",
            "must name a kubeconfig context (or in-cluster), not a URL: the worker's kubeconfig"
                + " holds the server address and its credentials");
      }
      if (blank(r.namespace())) {
        problems.add(at + ".namespace", "required; the Kubernetes namespace of the service");
      } else {
        kubernetesName(at + ".namespace", r.namespace(), false, problems);
      }
      if (r.deployment() != null) {
        if (!blank(r.deployment().stable())) {
          kubernetesName(at + ".deployment.stable", r.deployment().stable(), true, problems);
        }
        if (!blank(r.deployment().canary())) {
          kubernetesName(at + ".deployment.canary", r.deployment().canary(), true, problems);
        }
        if (!blank(r.deployment().container())) {
          kubernetesName(at + ".deployment.container", r.deployment().container(), false, problems);
        }
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
        smokeCheck(at + ".smokeChecks[" + j + "]", r.smokeChecks().get(j), problems);
      }
      deployment(at, r, problems);
    }
    sameTarget(s, problems);
  }

  /**
   * A smoke check is a URL, or the name of the secret holding one. The value is never echoed: a
   * mistyped entry, or a URL with credentials, may hold a secret.
   */
  private static void smokeCheck(String at, String url, Problems problems) {
    if (ControlRules.SECRET_NAME.matcher(url).matches()) {
      return;
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      problems.add(
          at,
          "must be an http:// or https:// URL, or the name of the secret that holds one (such as"
              + " CHECKOUT_SMOKE_URL, or file:/path)");
      return;
    }
    if (CREDENTIALS_IN_URL.matcher(url).find() || SECRET_QUERY.matcher(url).find()) {
      problems.addNew(
          at,
          "holds a credential (user:password@ or a token in the query); the URL would travel"
              + " into the workflow history. Put the URL in a secret of the worker and name it"
              + " here instead, e.g. CHECKOUT_SMOKE_URL (an environment variable) or"
              + " file:/run/secrets/smoke-url");
    }
  }

  /**
   * A name Kubernetes accepts: an RFC 1123 label (namespace, container) or, with {@code dots}, a
   * subdomain (Deployment); the API server would refuse anything else only once the release runs.
   */
  private static void kubernetesName(String at, String name, boolean dots, Problems problems) {
    int max = dots ? Bounds.MAX_SUBDOMAIN : Bounds.MAX_LABEL;
    Pattern form = dots ? DNS_SUBDOMAIN : DNS_LABEL;
    if (!form.matcher(name).matches() || name.length() > max) {
      problems.addNew(
          at,
          "'"
              + name
              + "' is not a Kubernetes name: lower-case letters, digits and '-'"
              + (dots ? " or '.'" : "")
              + ", starting and ending with a letter or digit, at most "
              + max
              + " characters");
    }
  }

  /** A Deployment the release would both keep and replace is no canary. */
  private static void deployment(String at, RegionSpec r, Problems problems) {
    if (r.deployment() == null || blank(r.deployment().stable())) {
      return;
    }
    if (r.deployment().stable().equals(r.deployment().canary())) {
      problems.addNew(
          at + ".deployment.canary",
          "'"
              + r.deployment().canary()
              + "' is the stable Deployment itself: the new version would replace stable with"
              + " nothing to roll back to; name another Deployment, or leave canary out for "
              + r.deployment().stable()
              + "-canary");
    }
  }

  /** Two regions driving the same Deployment would undo each other's steps and rollbacks. */
  private static void sameTarget(ReleaseSpec s, Problems problems) {
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < s.regions().size(); i++) {
      RegionSpec r = s.regions().get(i);
      if (blank(r.cluster()) || blank(r.namespace()) || r.deployment() == null) {
        continue;
      }
      for (String kind : List.of("stable", "canary")) {
        String name = kind.equals("stable") ? r.deployment().stable() : r.deployment().canary();
        if (blank(name)) {
          continue;
        }
        String key = r.cluster() + "/" + r.namespace() + "/" + name;
        Integer first = owner.putIfAbsent(key, i);
        if (first != null && first != i) {
          problems.addNew(
              "regions[" + i + "].deployment." + kind,
              "regions["
                  + first
                  + "] already releases Deployment "
                  + name
                  + " in cluster "
                  + r.cluster()
                  + ", namespace "
                  + r.namespace()
                  + "; two regions on one Deployment would undo each other's steps and"
                  + " rollbacks. Point this region at its own cluster, namespace or Deployment,"
                  + " or remove it");
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
    for (String[] pair : SAME_TARGET) {
      String stable = r.traffic().settings().get(pair[0]);
      if (!blank(stable) && stable.equals(r.traffic().settings().get(pair[1]))) {
        problems.addNew(
            at + "." + pair[1],
            "is the same as "
                + pair[0]
                + ": moving traffic would send it where it already is, and a rollback could not"
                + " take it back; name the new version's own "
                + pair[1].replace("canary", "").toLowerCase(java.util.Locale.ROOT));
      }
    }
    String replicas = r.traffic().settings().get("totalReplicas");
    if (type == TrafficRouterType.REPLICA_RATIO && replicas != null) {
      Integer n = replicas.matches("[+-]?\\d{1,9}") ? Integer.valueOf(replicas) : null;
      if (n != null
          && n >= Bounds.MIN_TOTAL_REPLICAS
          && n <= Bounds.MAX_TOTAL_REPLICAS
          && strategy != null
          && strategy.type() == StrategyType.CANARY) {
        // Enough pods for every stage: one pod on each side of the smallest share.
        int needed =
            strategy.canary().stages().stream()
                .filter(st -> st.weight() > 0 && st.weight() < 100)
                .mapToInt(st -> (int) Math.ceil(100.0 / Math.min(st.weight(), 100 - st.weight())))
                .max()
                .orElse(1);
        for (var stage : strategy.canary().stages()) {
          // The router's arithmetic: round(total x weight), at least one pod on each side.
          long pods = Math.round(n * stage.weight() / 100.0);
          if (stage.weight() > 0 && stage.weight() < 100 && (pods == 0 || pods == n)) {
            problems.addNew(
                at + ".totalReplicas",
                n
                    + " pods cannot hold a "
                    + stage.weight()
                    + "% stage (it would put "
                    + pods
                    + " on the new version); raise totalReplicas to at least "
                    + needed
                    + ", or use a weighted traffic layer");
            break;
          }
        }
      }
      if (n == null || n < Bounds.MIN_TOTAL_REPLICAS || n > Bounds.MAX_TOTAL_REPLICAS) {
        problems.addNew(
            at + ".totalReplicas",
            (n == null ? "'" + replicas + "' is not a whole number" : n + " is outside")
                + (n == null ? "; give a pod count from " : " ")
                + Bounds.MIN_TOTAL_REPLICAS
                + " to "
                + Bounds.MAX_TOTAL_REPLICAS
                + ": the pods split between stable and the new version, e.g. totalReplicas: 10"
                + " (or leave it out to keep the Deployments' own count)");
      }
    }
    String label = r.traffic().settings().get("selectorLabel");
    if (type == TrafficRouterType.SERVICE_SELECTOR
        && label != null
        && !LABEL_KEY.matcher(label).matches()) {
      problems.addNew(
          at + ".selectorLabel",
          "'"
              + label
              + "' is not a Kubernetes label key: letters, digits, '-', '_' and '.', at most 63,"
              + " with an optional prefix/ (e.g. app.kubernetes.io/version)");
    }
    String recordType = r.traffic().settings().get("recordType");
    if (type == TrafficRouterType.CLOUDFLARE_DNS
        && recordType != null
        && !Bounds.DNS_RECORD_TYPES.contains(recordType)) {
      problems.addNew(
          at + ".recordType",
          "'"
              + recordType
              + "' cannot be switched; the cloudflare-dns layer switches "
              + String.join(" or ", Bounds.DNS_RECORD_TYPES)
              + " records (default A)");
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
