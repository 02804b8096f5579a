package io.glidepath.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.ApprovalGate;
import io.glidepath.model.FailWhen;
import io.glidepath.model.OutcomePolicy;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionFailurePolicy;
import io.glidepath.model.RegionMode;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.StageSpec;
import io.glidepath.model.StrategyType;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.model.TrafficRouterType;
import io.glidepath.testing.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpecParserTest {

  private static List<String> problems(String yaml) {
    InvalidSpecException e =
        assertThrows(InvalidSpecException.class, () -> SpecParser.parse(yaml, "t.yaml"));
    return e.problems().stream().map(SpecProblem::toString).toList();
  }

  private static void assertProblem(List<String> problems, String expected) {
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(expected) || p.contains(expected)),
        "expected a problem like '" + expected + "' in " + problems);
  }

  @Test
  void aStageThatNamesNoThresholdsIsJudgedByTheSeedRowForItsWeight() {
    ReleaseSpec spec =
        Harness.oneRegion(
            "strategy: {canary: {stages: [{weight: 5}, {weight: 25}, {weight: 26},"
                + " {weight: 80, thresholds: {cpu: 50%}}, {weight: 100}]}}\n");
    List<StageSpec> stages = spec.strategy().canary().stages();
    assertEquals(
        java.util.Map.of("error-rate", 0.010, "p95-latency", 0.500), stages.get(0).thresholds());
    assertEquals(
        java.util.Map.of("error-rate", 0.008, "p95-latency", 0.450), stages.get(1).thresholds());
    assertEquals(
        java.util.Map.of("error-rate", 0.005, "p95-latency", 0.400),
        stages.get(2).thresholds(),
        "between rows: the next stricter one");
    assertEquals(java.util.Map.of("cpu", 0.5), stages.get(3).thresholds(), "named: as named");
    assertEquals(
        java.util.Map.of("error-rate", 0.002, "p95-latency", 0.300), stages.get(4).thresholds());
  }

  @Test
  void aMinimalSpecGetsTheSeedDefaults() {
    ReleaseSpec s = Harness.spec("");
    assertEquals(RegionMode.SEQUENTIAL, s.rollout().mode());
    assertEquals(RegionFailurePolicy.HALT, s.rollout().onRegionFailure());
    assertEquals(StrategyType.CANARY, s.strategy().type());
    List<StageSpec> stages = s.strategy().canary().stages();
    assertEquals(List.of(10, 25, 50, 75, 100), stages.stream().map(StageSpec::weight).toList());
    assertEquals(0.008, stages.get(1).thresholds().get("error-rate"), 1e-12);
    assertEquals(0.450, stages.get(1).thresholds().get("p95-latency"), 1e-12);
    assertEquals(Duration.ofMinutes(30), stages.get(4).hold());
    assertEquals(Duration.ofSeconds(10), s.analysis().interval());
    assertEquals(OutcomePolicy.HOLD, s.analysis().noData());
    assertEquals(Duration.ofHours(24), s.soak());
    assertEquals("checkout-canary", s.regions().get(0).deployment().canary());
    assertEquals(TrafficRouterType.GATEWAY_API, s.regions().get(0).traffic().type());
    assertEquals("checkout", s.regions().get(0).traffic().settings().get("route"));
    assertEquals("release-checkout-eu-west", s.regionWorkflowId("eu-west"));
  }

  @Test
  void durationsRatesAndCustomQueriesReadLikeARunbook() {
    ReleaseSpec s =
        Harness.spec(
            """
            rollout: {mode: delayed, delay: 1h30m, onRegionFailure: continue}
            strategy:
              canary:
                stages:
                  - {weight: 5%, hold: 15m, thresholds: {error-rate: 1%, p99-latency: 2000ms}}
                  - {weight: 25, hold: 30m, gate: true}
                  - {weight: 100%, hold: 24h, thresholds: {throughput: 6000}}
                rollback: staged
            analysis:
              interval: 10s
              failureLimit: 2
              noData: rollback
              queries:
                - name: throughput
                  query: sum(rate(http_server_requests_seconds_count{service="{{service}}"}[{{window}}]))
                  failWhen: below
                - name: p99-latency
                  failureLimit: 3
            approval:
              gates: [release, region]
              required: {sre: 1, functional: 1}
              approvers: {bob: [sre], carol: [functional]}
              onTimeout: proceed
            soak: 0s
            notifications:
              slack: {successes: SLACK_DEPLOYMENTS_WEBHOOK, incidents: SLACK_INCIDENTS_WEBHOOK}
              teams: file:/run/secrets/teams
            """);
    assertEquals(Duration.ofMinutes(90), s.rollout().delay());
    StageSpec first = s.strategy().canary().stages().get(0);
    assertEquals(5, first.weight());
    assertEquals(0.01, first.thresholds().get("error-rate"), 1e-12);
    assertEquals(2.0, first.thresholds().get("p99-latency"), 1e-12);
    assertTrue(s.strategy().canary().stages().get(1).gate());
    assertEquals(FailWhen.BELOW, s.analysis().query("throughput").failWhen());
    assertEquals(3, s.analysis().query("p99-latency").failureLimit());
    assertTrue(s.analysis().query("p99-latency").query().contains("histogram_quantile(0.99"));
    assertEquals(List.of(ApprovalGate.RELEASE, ApprovalGate.REGION), s.approval().gates());
    assertEquals(TimeoutOutcome.PROCEED, s.approval().onTimeout());
    assertEquals("SLACK_INCIDENTS_WEBHOOK", s.notifications().slackIncidents());
    assertEquals(Duration.ZERO, s.soak());
  }

  @Test
  void everyProblemIsReportedAtOnceWithPathValueAndFix() {
    List<String> p =
        problems(
            Harness.yaml(
                """
                rollout: {mode: delayed, delay: 10m}
                strategy:
                  canary:
                    stages:
                      - {weight: 10%, hold: 5m}
                      - {weight: 50%, hold: 5m}
                      - {weight: 40%, hold: 5s, thresholds: {p95: 300ms}}
                analysis: {interval: 10s, failureLimit: 0, noData: ignore}
                notifications:
                  slack: {incidents: "https://hooks.slack.com/services/T000/B000/XXXX"}
                sok: 24h
                """));
    assertProblem(
        p,
        "strategy.canary.stages[2].weight: 40 is below the previous stage's 50; weights must"
            + " increase");
    assertProblem(p, "strategy.canary.stages[2].hold: 5s is shorter than analysis.interval 10s");
    assertProblem(p, "strategy.canary.stages[2].thresholds.p95: no query is called 'p95'");
    assertProblem(p, "rollout.delay: 10m is outside 30m to 4h");
    assertProblem(p, "analysis.failureLimit: 0 is outside 1 to 1000");
    assertProblem(p, "analysis.noData: 'ignore' is not one of hold, rollback, proceed");
    assertProblem(p, "sok: unknown field; did you mean 'soak'?");
    assertProblem(p, "notifications.slack.incidents: must name the secret");
    assertTrue(
        p.stream().noneMatch(x -> x.contains("hooks.slack.com")), "a secret is never echoed");
    assertTrue(p.size() >= 8, p.toString());
  }

  @Test
  void regionsAndTrafficAreCheckedBeforeAnythingMoves() {
    List<String> p =
        problems(
            """
            service: Checkout_Service
            version: 2.4.0
            image: ghcr.io/acme/checkout
            regions:
              - {name: us-east, namespace: shop, deployment: {stable: checkout}, traffic: {type: service-selector, service: checkout}}
              - {name: us-east, cluster: c, namespace: shop, traffic: {type: gateway-api}}
              - {name: eu, cluster: c, namespace: shop, deployment: {stable: checkout}, traffic: {type: istio}}
            """);
    assertProblem(p, "service: 'Checkout_Service' must be lower-case");
    assertProblem(p, "image: 'ghcr.io/acme/checkout' has no tag or digest; pin it");
    assertProblem(p, "regions[0].cluster: required");
    assertProblem(p, "regions[0].traffic.type: service-selector only switches all traffic at once");
    assertProblem(p, "regions[1].name: 'us-east' appears twice");
    assertProblem(p, "regions[1].deployment.stable: required");
    assertProblem(p, "regions[1].traffic.route: required by traffic type gateway-api");
    assertProblem(
        p, "regions[2].traffic.type: 'istio' is not one of service-selector, gateway-api");
  }

  @Test
  void approvalsThatCanNeverBeMetAreRefused() {
    List<String> p =
        problems(
            Harness.yaml(
                "approval: {gates: [release], required: {sre: 2}, approvers: {bob: [sre]}}\n"));
    assertProblem(p, "approval.required.sre: 2 approvals need 2 approvers with role sre");
  }

  @Test
  void aWarmUpAfterEveryShiftDefaultsToAMinuteForTheStatisticalJudgeAndIsBounded() {
    assertEquals(
        Duration.ofMinutes(1),
        Harness.spec("analysis: {judge: statistical}\n").analysis().warmup());
    assertEquals(Duration.ZERO, Harness.spec("").analysis().warmup(), "none for thresholds");
    assertEquals(
        Duration.ofSeconds(90), Harness.spec("analysis: {warmup: 90s}\n").analysis().warmup());
    assertEquals(Duration.ZERO, Harness.spec("analysis: {warmup: 0s}\n").analysis().warmup());
    assertProblem(
        problems(Harness.yaml("analysis: {warmup: 2h}\n")), "analysis.warmup: 2h is outside 0s to");
  }

  @Test
  void aQueryCanBeComparedWithStable() {
    ReleaseSpec s =
        Harness.spec(
            "analysis:\n  queries:\n    - {name: error-rate, compare: {factor: 2, floor: 0.5%}}\n");
    assertEquals(2.0, s.analysis().query("error-rate").compare().factor());
    assertEquals(0.005, s.analysis().query("error-rate").compare().floor(), 1e-12);

    List<String> p =
        problems(
            Harness.yaml(
                "analysis:\n  queries:\n    - {name: request-rate, compare: {factor: 0.5}}\n"));
    assertProblem(p, "analysis.queries[request-rate].compare: only queries that fail above");
    assertProblem(p, "analysis.queries[request-rate].compare.factor: 0.5 is outside 1 to 1000");
  }

  @Test
  void brokenYamlSaysWhere() {
    List<String> p = problems("service: checkout\nregions: [\n");
    assertProblem(p, "not valid YAML at line");
  }

  @Test
  void quantitiesParseAndPrint() {
    assertEquals(Duration.ofSeconds(90), Quantities.parseDuration("90s"));
    assertEquals(Duration.ofMinutes(90), Quantities.parseDuration("1h30m"));
    assertEquals(Duration.ofMillis(500), Quantities.parseDuration("500ms"));
    assertEquals(0.005, Quantities.parseRate("0.5%"), 1e-12);
    assertEquals("1h30m", Quantities.format(Duration.ofMinutes(90)));
    assertEquals("0.5%", Quantities.percent(0.005));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseDuration("5 minutes"));
    assertTrue(e.getMessage().contains("write it like 90s"));
  }

  @Test
  void theExamplesInTheRepositoryAreValid() throws Exception {
    Path examples = Path.of("..", "examples");
    List<Path> files;
    try (Stream<Path> s = Files.list(examples)) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).toList();
    }
    assertFalse(files.isEmpty(), "examples/ holds release specs");
    for (Path f : files) {
      if (f.getFileName().toString().equals("demo-release.yaml")) {
        continue;
      }
      if (SpecParser.namesEnvironments(f)) {
        for (var env : SpecParser.loadEnvironments(f, SpecValidator.Limits.RELEASE)) {
          assertFalse(env.release().regions().isEmpty(), f + " " + env.name());
        }
        continue;
      }
      ReleaseSpec spec = SpecParser.load(f);
      assertFalse(spec.regions().isEmpty(), f.toString());
    }
  }

  @Test
  void theDemoSpecIsValidForTheSandboxOnlyForItsShortDelay() throws Exception {
    String demo = Files.readString(Path.of("..", "examples", "demo-release.yaml"));
    ReleaseSpec spec = SpecParser.parse(demo, "demo-release.yaml", SpecValidator.Limits.SANDBOX);
    assertEquals(3, spec.regions().size());
    InvalidSpecException e =
        assertThrows(InvalidSpecException.class, () -> SpecParser.parse(demo, "demo-release.yaml"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("rollout.delay: 15s is outside 30m to 4h"), e.getMessage());
  }
}
