package io.glidepath.cli;

import static io.glidepath.cli.WithWorker.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleasePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list}, {@code history} and {@code status} of releases that completed, were aborted and
 * rolled back (one region rolled back, the next never started), as text and as JSON.
 */
class ReadCommandsWithWorkerTest {
  static WithWorker w;
  @TempDir static Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    w = new WithWorker();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  static String spec(String service, String hold, String mode, String... regions) throws Exception {
    Path file = dir.resolve(service + ".yaml");
    Files.writeString(
        file,
        WithWorker.yaml(
                service,
                "2.0.0",
                "strategy: {canary: {stages: [{weight: 50, hold: "
                    + hold
                    + "}, {weight: 100, hold: 1s}]}}\n",
                regions)
            .replace("rollout: {mode: parallel}", "rollout: {mode: " + mode + "}"));
    return file.toString();
  }

  static void awaitObserving(String service) throws InterruptedException {
    w.await(
        service, s -> s.regions().get(0).phase() == RegionPhase.OBSERVING, Duration.ofSeconds(30));
  }

  @Test
  void listShowsNewestFirstWithOutcomesAndHistoryIsOneDatedTimeline() throws Exception {
    ReleaseLauncher launcher = new ReleaseLauncher(w.client);
    w.ok("release", "start", "-f", spec("sieve", "1s", "parallel", "us-east"), "--by", "alice");
    assertEquals(ReleasePhase.COMPLETED, launcher.result("sieve").phase());

    w.ok("release", "start", "-f", spec("ladle", "10m", "parallel", "us-east"), "--by", "bob");
    awaitObserving("ladle");
    w.ok("release", "abort", "ladle", "--reason", "wrong config", "--by", "bob");
    assertEquals(ReleasePhase.ABORTED, launcher.result("ladle").phase());

    String whisk = spec("whisk", "10m", "sequential", "us-east", "apac-se");
    w.ok("release", "start", "-f", whisk, "--by", "carol");
    awaitObserving("whisk");
    w.ok("release", "rollback", "whisk", "--region", "us-east", "--reason", "bad", "--by", "dave");
    assertEquals(ReleasePhase.FAILED, launcher.result("whisk").phase());

    String table = w.ok("release", "list").out();
    List<String> lines = table.lines().toList();
    assertTrue(
        lines.get(0).matches("WORKFLOW ID +VERSION +AUTHOR +STARTED \\(UTC\\) +DURATION +OUTCOME"),
        table);
    assertTrue(
        lines
            .get(1)
            .matches(
                "release-whisk +2\\.0\\.0 +carol +20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\S+ +rolled back"),
        table);
    assertTrue(lines.get(2).matches("release-ladle +2\\.0\\.0 +bob +.* aborted"), table);
    assertTrue(lines.get(3).matches("release-sieve +2\\.0\\.0 +alice +.* completed"), table);

    List<String> newest = w.ok("release", "list", "--limit", "1").out().lines().toList();
    assertEquals(3, newest.size(), newest.toString());
    assertTrue(newest.get(1).startsWith("release-whisk "), newest.toString());
    assertEquals("the newest 1 of 3 runs; --limit 3 shows more", newest.get(2));
    var tooMany = w.run("release", "list", "--limit", "0");
    assertEquals(2, tooMany.code(), tooMany::all);
    assertTrue(tooMany.err().contains("--limit: 0 is outside 1 to 1000"), tooMany::all);

    JsonNode list = JSON.readTree(w.ok("release", "list", "-o", "json").out());
    List<String> order = new ArrayList<>();
    list.forEach(r -> order.add(r.path("workflowId").asText()));
    assertEquals(List.of("release-whisk", "release-ladle", "release-sieve"), order);
    JsonNode ladle = list.get(1);
    assertEquals("aborted", ladle.path("outcome").asText());
    assertEquals("ABORTED", ladle.path("phase").asText());
    assertEquals("bob", ladle.path("author").asText());
    assertEquals("2.0.0", ladle.path("version").asText());
    assertEquals("ladle", ladle.path("service").asText());
    Instant started = Instant.parse(ladle.path("started").asText());
    Instant ended = Instant.parse(ladle.path("ended").asText());
    assertTrue(!ended.isBefore(started), ladle.toString());
    assertTrue(ladle.path("durationSeconds").isIntegralNumber(), ladle.toString());
    assertEquals("rolled back", list.get(0).path("outcome").asText());

    // The release halted before apac-se started: its history still ends with exit 0.
    var history = w.ok("release", "history", "whisk");
    List<String> rows = history.out().lines().toList();
    assertTrue(rows.size() >= 4, history.out());
    for (String row : rows) {
      assertTrue(row.matches("20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\S+ .*"), row);
    }
    List<String> times = rows.stream().map(r -> r.substring(0, 19)).toList();
    assertEquals(times.stream().sorted().toList(), times, "chronological:\n" + history.out());
    assertTrue(rows.stream().anyMatch(r -> r.substring(21).startsWith("release ")), history.out());
    assertTrue(rows.stream().anyMatch(r -> r.substring(21).startsWith("us-east ")), history.out());
    assertContains(history.out(), "dave (via ");
    assertTrue(
        rows.stream().noneMatch(r -> r.substring(21).startsWith("apac-se ")),
        "apac-se never ran:\n" + history.out());
    assertContains(history.out(), "region protected");

    String usEast = w.ok("release", "history", "whisk", "--region", "us-east").out();
    assertTrue(usEast.lines().allMatch(r -> r.substring(21).startsWith("us-east ")), usEast);
    var noSuch = w.run("release", "history", "whisk", "--region", "mars");
    assertEquals(2, noSuch.code(), noSuch::all);
    assertContains(noSuch.err(), "--region: release-whisk has no region mars");

    JsonNode json = JSON.readTree(w.ok("release", "history", "whisk", "-o", "json").out());
    assertEquals("release-whisk", json.path("workflowId").asText());
    JsonNode entries = json.path("entries");
    assertEquals(rows.size(), entries.size());
    Instant previous = Instant.EPOCH;
    for (JsonNode e : entries) {
      Instant at = Instant.parse(e.path("at").asText());
      assertFalse(at.isBefore(previous), json.toString());
      previous = at;
    }
    assertTrue(entries.get(0).path("region").isNull(), "the release starts first: " + entries);

    JsonNode status = JSON.readTree(w.ok("release", "status", "whisk", "-o", "json").out());
    assertEquals("release-whisk", status.path("workflowId").asText());
    assertTrue(status.path("ended").asText().startsWith("failed: "), status.toString());
    assertEquals("FAILED", status.path("status").path("phase").asText());
  }
}
