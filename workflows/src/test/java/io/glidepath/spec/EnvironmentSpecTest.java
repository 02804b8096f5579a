package io.glidepath.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.model.EnvironmentSpec;
import io.glidepath.model.StrategyType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentSpecTest {
  static final Path EXAMPLE = Path.of("..", "examples", "environments.yaml");

  static final String BASE =
      """
      service: cart
      version: 1.0.0
      image: ghcr.io/acme/cart:1.0.0
      regions:
        - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: cart},
           traffic: {type: gateway-api, route: cart, stableBackend: cart, canaryBackend: cart-canary}}
      analysis: {interval: 10s, failureLimit: 3}
      soak: 0s
      """;

  static String problems(String yaml) {
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () -> SpecParser.parseEnvironments(yaml, "t.yaml", SpecValidator.Limits.RELEASE));
    return e.getMessage();
  }

  @Test
  void theExampleRunsTheSeedsThreeEnvironments() {
    List<EnvironmentSpec> envs = SpecParser.loadEnvironments(EXAMPLE, SpecValidator.Limits.RELEASE);
    assertEquals(List.of("dev", "staging", "prod"), envs.stream().map(e -> e.name()).toList());
    assertEquals(StrategyType.ROLLING, envs.get(0).release().strategy().type());
    assertEquals(StrategyType.BLUE_GREEN, envs.get(1).release().strategy().type());
    assertEquals(StrategyType.CANARY, envs.get(2).release().strategy().type());
    assertEquals(Duration.ZERO, envs.get(0).verifiedFor());
    assertEquals(Duration.ofHours(24), envs.get(2).verifiedFor());
    assertEquals(2, envs.get(2).release().regions().size());
    // prod sets failureLimit only; the shared interval stays
    assertEquals(Duration.ofSeconds(10), envs.get(2).release().analysis().interval());
    assertEquals(Duration.ofMinutes(30), envs.get(2).release().soak());
    assertEquals(Duration.ZERO, envs.get(0).release().soak());
    assertEquals("invoice", envs.get(1).release().service());
    assertEquals("staging", envs.get(1).release().environment());
  }

  @Test
  void aSpecWithEnvironmentsIsNotReleasedWithoutSayingWhichOne() {
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () -> SpecParser.load(EXAMPLE, SpecValidator.Limits.RELEASE));
    assertTrue(e.getMessage().contains("environments"), e.getMessage());
    assertTrue(e.getMessage().contains("--env dev"), e.getMessage());
  }

  @Test
  void oneEnvironmentIsChosenByName() {
    EnvironmentSpec prod =
        SpecParser.loadEnvironment(EXAMPLE, "prod", t -> t, SpecValidator.Limits.RELEASE);
    assertEquals("prod", prod.name());
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () -> SpecParser.loadEnvironment(EXAMPLE, "qa", t -> t, SpecValidator.Limits.RELEASE));
    assertTrue(e.getMessage().contains("--env qa: no such environment"), e.getMessage());
    assertTrue(e.getMessage().contains("dev, staging, prod"), e.getMessage());
  }

  @Test
  void theListItselfIsCheckedStrictly() {
    String m =
        problems(
            BASE
                + """
                environments:
                  - {name: dev, verifiedFor: 1h}
                  - {name: staging, stratgy: {rolling: {}}}
                  - {name: staging}
                  - {name: Prod_1, version: 2.0.0}
                  - {name: qa, verifiedFor: 90d}
                """);
    assertTrue(m.contains("environments[dev].verifiedFor"), m);
    assertTrue(m.contains("first environment has no environment before it"), m);
    assertTrue(
        m.contains("environments[staging].stratgy: unknown field; did you mean 'strategy'"), m);
    assertTrue(m.contains("'staging' appears twice"), m);
    assertTrue(m.contains("must be lower-case letters"), m);
    assertTrue(m.contains("set them at the top level"), m);
    assertTrue(m.contains("environments[qa].verifiedFor: must be 0s to 30d"), m);
  }

  @Test
  void aProblemIsReportedWhereItIsWritten() {
    String m =
        problems(
            BASE.replace("interval: 10s", "interval: 0s")
                + """
                environments:
                  - {name: dev}
                  - name: prod
                    analysis: {failureLimit: 0}
                """);
    // the shared interval is wrong in both environments: once, naming both
    assertTrue(m.contains("analysis.interval"), m);
    assertTrue(m.contains("(environments dev, prod)"), m);
    // prod's own failureLimit is reported under prod
    assertTrue(m.contains("environments[prod].analysis.failureLimit"), m);
  }

  @Test
  void anEmptyListIsRefused() {
    assertTrue(problems(BASE + "environments: []\n").contains("expected a list of environments"));
  }
}
