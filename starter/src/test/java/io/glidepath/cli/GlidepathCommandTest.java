package io.glidepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlidepathCommandTest {
  static final Path EXAMPLE = Path.of("..", "examples", "checkout.yaml");

  @StartStop public final MockWebServer server = new MockWebServer();

  /** The value Prometheus answers for a query containing each key; a 3-digit value is a status. */
  final Map<String, String> values = new ConcurrentHashMap<>();

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void fakePrometheus() {
    values.put("status=~\"5..\"", "0.004");
    values.put("histogram_quantile(0.95", "0.12");
    values.put("histogram_quantile(0.99", "0.8");
    values.put("process_cpu_usage", "0.35");
    values.put("jvm_memory", "0.5");
    values.put("", "42"); // the request rate
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String query = URLDecoder.decode(r.getTarget(), StandardCharsets.UTF_8);
            String value =
                values.entrySet().stream()
                    .filter(e -> !e.getKey().isEmpty() && query.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(values.get(""));
            if (value.matches("\\d{3}")) {
              return new MockResponse.Builder()
                  .code(Integer.parseInt(value))
                  .body(
                      "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}")
                  .build();
            }
            return new MockResponse.Builder()
                .body(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\""
                        + value
                        + "\"]}]}}")
                .build();
          }
        });
  }

  private int run(String... args) {
    return GlidepathCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  private int analyze(String... more) {
    return analyzeAgainst(server.url("/").toString(), more);
  }

  private int analyzeAgainst(String prometheusUrl, String... more) {
    String[] base = {
      "analyze", "-f", EXAMPLE.toString(), "--region", "us-east", "--prometheus-url", prometheusUrl
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return run(args);
  }

  @Test
  void validateSaysWhatAValidSpecWillDo() {
    assertEquals(0, run("release", "validate", "-f", EXAMPLE.toString()));
    assertTrue(
        out.toString()
            .contains("checkout 2.4.0 to 3 regions (delayed 1h30m, canary in 5 stages, soak 24h)"),
        out.toString());
  }

  @Test
  void validatePrintsEachStagesChecksWithTheirLimits(@TempDir Path dir) throws Exception {
    assertEquals(0, run("release", "validate", "-f", EXAMPLE.toString()));
    assertTrue(
        out.toString()
            .contains(
                "  stage 3   50%  hold 5m  error-rate <= 0.5%, p95-latency <= 400 ms,"
                    + " p99-latency <= 2 s, cpu <= 90%, memory <= 90%  (after its approval gate)"),
        out.toString());
    Path spec = dir.resolve("bare.yaml");
    Files.writeString(
        spec,
        WithWorker.yaml("cart", "1.0.0", "", "us-east")
            + "strategy: {canary: {stages: [{weight: 20, hold: 1m}, {weight: 60, hold: 1m},"
            + " {weight: 100, hold: 1m}]}}\n");
    out.getBuffer().setLength(0);
    assertEquals(0, run("release", "validate", "-f", spec.toString()), err.toString());
    String o = out.toString();
    assertTrue(
        o.contains(
            "  stage 1   20%  hold 1m  error-rate <= 0.8%, p95-latency <= 450 ms, cpu <= 90%,"
                + " memory <= 90%"),
        "a weight between rows takes the next stricter row:\n" + o);
    assertTrue(
        o.contains("  stage 2   60%  hold 1m  error-rate <= 0.3%, p95-latency <= 350 ms"), o);
    assertTrue(
        o.contains("  stage 3  100%  hold 1m  error-rate <= 0.2%, p95-latency <= 300 ms"), o);
  }

  @Test
  void validateListsEveryProblem(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "service: checkout\nversion: 2.4.0\nimage: x\nregions: []\nsok: 1h\n");
    assertEquals(2, run("release", "validate", "-f", bad.toString()), "bad input exits 2");
    String e = err.toString();
    assertTrue(e.contains("image: 'x' has no tag or digest"), e);
    assertTrue(e.contains("regions: required"), e);
    assertTrue(e.contains("sok: unknown field; did you mean 'soak'?"), e);
  }

  @Test
  void analyzePrintsEachVerdictAndPassesAHealthyService() {
    assertEquals(0, analyze());
    String table = out.toString();
    assertTrue(table.matches("(?s).*us-east\\s+error-rate\\s+0\\.4%\\s+<= 1%\\s+pass.*"), table);
    assertTrue(
        table.matches("(?s).*us-east\\s+p95-latency\\s+120 ms\\s+<= 500 ms\\s+pass.*"), table);
    assertTrue(table.contains("verdict: pass"), table);
  }

  @Test
  void analyzeExitsNonZeroOnAFailAtTheChosenStage() {
    values.put("histogram_quantile(0.95", "0.42");
    assertEquals(0, analyze("--stage", "1"), "420 ms is within stage 1's 500 ms");
    assertEquals(1, analyze("--stage", "3"), "but not within stage 3's 400 ms");
    assertTrue(
        out.toString().matches("(?s).*p95-latency\\s+420 ms\\s+<= 400 ms\\s+fail.*"),
        out.toString());
    assertTrue(out.toString().contains("verdict: fail"));
  }

  @Test
  void analyzeQuotesAQueryPrometheusRejects() {
    values.put("process_cpu_usage", "400");
    assertEquals(2, analyze(), "a query Prometheus rejects is bad input in the spec");
    assertTrue(
        err.toString().contains("Prometheus rejected the query (bad_data: parse error)"),
        err.toString());
  }

  @Test
  void analyzeExits3WhenPrometheusIsUnreachable() {
    assertEquals(3, analyzeAgainst("http://127.0.0.1:1"), out.toString());
    assertTrue(
        out.toString().startsWith("Prometheus http://127.0.0.1:1 (--prometheus-url)"),
        out.toString());
    assertEquals(1, err.toString().lines().count(), "one line, not one per check: " + err);
    assertTrue(
        err.toString().startsWith("glidepath: Prometheus at http://127.0.0.1:1 did not answer"),
        err.toString());
  }

  @Test
  void analyzeRefusesAStageTheSpecDoesNotHave() {
    assertEquals(2, analyze("--stage", "9"), "bad input, as everywhere in the CLI");
    assertTrue(err.toString().contains("--stage 9: the spec has 5 stage(s)"), err.toString());
  }
}
