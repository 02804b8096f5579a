package io.glidepath.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.e2e.ReleaseEndToEndIT.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environments on the dev stack, as processes: the sandbox ({@code dev-server}, with a dev and a
 * staging cluster beside the regions) against the real Temporal dev server, a {@code --dev} worker,
 * and the CLI. Version 1.1.0 goes dev (rolling) -> staging (blue-green, a review gate) -> prod
 * (canary, two regions) once it ran 20s in staging, with the worker SIGKILLed in the middle of
 * prod; version 1.2.0 fails in staging (the fault profile), is refused for prod with the reason,
 * and an override with a reason lets it through, recorded. {@code env status} tells the truth after
 * each step.
 */
class EnvironmentsIT {
  static final Path SPEC = Path.of("..", "examples", "environments-sandbox.yaml").toAbsolutePath();

  /** A sandbox of this test's own: another test's (or person's) on 7240 has no dev or staging. */
  static final int SANDBOX_PORT = 7251;

  @TempDir Path dir;
  Process sandbox;
  Process worker;

  @AfterEach
  void stop() throws Exception {
    for (Process p : new Process[] {worker, sandbox}) {
      if (p != null) {
        p.destroy();
        p.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  /** One Deployment as this test's sandbox's {@code /deployments} shows it. */
  static JsonNode version(String region, String name) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(LedgerCli.sandboxUrl(SANDBOX_PORT) + "/deployments"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (JsonNode d : new ObjectMapper().readTree(body)) {
      if (d.path("region").asText().equals(region) && d.path("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no Deployment " + name + " in " + region + ": " + body);
  }

  @Test
  void aVersionEarnsItsWayAndAFailedOneIsRefusedUntilOverridden() throws Exception {
    var target =
        new ReleaseEndToEndIT.Target(DevServers.shared().address(), DevServers.ENVIRONMENTS);
    LedgerCli ledger = new LedgerCli(target, SPEC, SANDBOX_PORT);
    Path faults = dir.resolve("faults.yaml");
    Files.writeString(
        faults, "faults:\n  - {region: staging, version: \"1.2.0\", errorRate: 5%}\n");
    // The sandbox is the dev-server's, so it outlives the killed worker.
    sandbox =
        LedgerCli.sandbox(
            target, SANDBOX_PORT, dir.resolve("server.log"), "--fault-profile", faults.toString());
    worker =
        ReleaseEndToEndIT.worker(
            target, dir.resolve("worker-1.log"), 18083, "--sandbox-port", "" + SANDBOX_PORT);
    ReleaseEndToEndIT.awaitReady(18083, dir.resolve("worker-1.log"));

    // 1.1.0: dev by release start --env, refused for prod before it ran in staging
    Run early = ledger.deliver("1.1.0", "prod");
    assertEquals(2, early.exit(), early.out());
    assertTrue(early.out().contains("1.1.0 has not run in staging"), early.out());
    ledger.start("dev", "1.1.0");
    assertEquals("COMPLETED", ledger.awaitEnd("dev", "1.1.0"));
    assertEquals("1.1.0", version("dev", "cart").path("version").asText());
    String text = ledger.ok("env", "status", "cart").out();
    assertTrue(text.contains("next: 1.1.0 may go now"), text);

    ledger.delivered("1.1.0", "staging");
    ledger.approveStaging();
    assertEquals("COMPLETED", ledger.awaitEnd("staging", "1.1.0"));
    Run soaking = ledger.deliver("1.1.0", "prod");
    assertEquals(2, soaking.exit(), soaking.out());
    assertTrue(soaking.out().contains("prod takes it once it ran there 20s: from "), soaking.out());

    Run prod = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      prod = ledger.deliver("1.1.0", "prod");
      if (prod.exit() == 0) {
        break;
      }
      Thread.sleep(1000);
    }
    assertEquals(0, prod.exit(), prod.out());
    assertTrue(prod.out().contains("ran there 20s since"), prod.out());
    ledger.awaitStatus("us-east +observing");
    worker.destroyForcibly().waitFor(); // SIGKILL in the middle of prod
    worker =
        ReleaseEndToEndIT.worker(
            target, dir.resolve("worker-2.log"), 18083, "--sandbox-port", "" + SANDBOX_PORT);
    assertEquals("COMPLETED", ledger.awaitEnd("prod", "1.1.0"));
    for (String region : List.of("us-east", "eu-west")) {
      assertEquals("1.1.0", version(region, "cart").path("version").asText(), region);
    }

    // 1.2.0: fails in staging, refused for prod with the reason, overridden with a reason
    ledger.start("dev", "1.2.0");
    assertEquals("COMPLETED", ledger.awaitEnd("dev", "1.2.0"));
    ledger.delivered("1.2.0", "staging");
    ledger.approveStaging();
    assertEquals("ROLLED_BACK", ledger.awaitEnd("staging", "1.2.0"));
    assertEquals("1.1.0", version("staging", "cart").path("version").asText());
    Run refused = ledger.deliver("1.2.0", "prod");
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(
        refused.out().contains("1.2.0 is blocked: it rolled back in staging"), refused.out());
    JsonNode s = ledger.status();
    assertEquals("1.1.0", s.at("/environments/2/version").asText(), "prod keeps 1.1.0");
    // staging serves 1.1.0 again (1.2.0 rolled back): nothing new may go to prod
    assertEquals("1.1.0", s.at("/environments/1/version").asText());
    assertEquals("1.2.0", s.at("/environments/1/last/version").asText());
    assertEquals("ROLLED_BACK", s.at("/environments/1/last/outcome").asText());
    assertTrue(s.at("/environments/2/candidate").isNull(), s.toString());

    ledger.ok(
        "env",
        "override",
        "cart",
        "1.2.0",
        "--to",
        "prod",
        "--by",
        "olga",
        "--reason",
        "staging's database was down, INC-7");
    Run let = ledger.delivered("1.2.0", "prod");
    assertTrue(let.out().contains("let through by olga"), let.out());
    assertEquals("COMPLETED", ledger.awaitEnd("prod", "1.2.0"));
    s = ledger.status();
    assertEquals("1.2.0", s.at("/environments/2/version").asText());
    boolean recorded = false;
    for (JsonNode d : s.get("timeline")) {
      recorded |=
          d.path("kind").asText().equals("OVERRIDDEN")
              && d.path("who").asText().equals("olga")
              && d.path("why").asText().equals("staging's database was down, INC-7");
    }
    assertTrue(recorded, s.get("timeline").toString());
    System.out.println(ledger.ok("env", "status", "cart").out());
  }
}
