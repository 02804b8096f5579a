package io.glidepath.cli.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.cli.GlidepathCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on a spec with {@code slo} ends with each region's remaining budget now, read
 * from the recorded series {@code glidepath slo rules} defines, against the floor; {@code slo
 * rules} prints a file that names those series.
 */
class AnalyzeBudgetTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  static final String SPEC =
      """
      service: checkout
      version: 2.4.0
      image: ghcr.io/acme/checkout:2.4.0
      regions:
        - {name: us-east, cluster: prod, namespace: shop, deployment: {stable: checkout},
           traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
        - {name: eu-west, cluster: prod-eu, namespace: shop, deployment: {stable: checkout},
           traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
      slo:
        minBudget: 25%
        objectives: [{name: availability, objective: 99.95%}]
      """;

  @Test
  void analyzeShowsTheBudgetLeftNowAgainstTheFloor() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String q = URLDecoder.decode(r.getTarget(), StandardCharsets.UTF_8);
            asked.add(q);
            String v;
            if (q.contains("glidepath:slo_budget_remaining:ratio")) {
              v = q.contains("region=\"eu-west\"") ? "0.12" : "0.87";
            } else if (q.contains("process_cpu") || q.contains("jvm_memory")) {
              v = "0.3";
            } else if (q.contains("histogram_quantile")) {
              v = "0.1";
            } else if (q.contains("status=~\"5..\"")) {
              v = "0.001";
            } else {
              v = "40";
            }
            return new MockResponse.Builder()
                .body(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{},\"value\":[1,\""
                        + v
                        + "\"]}]}}")
                .build();
          }
        });
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, SPEC);
    StringWriter out = new StringWriter();
    int exit =
        GlidepathCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute(
                "analyze", "-f", spec.toString(), "--prometheus-url", server.url("/").toString());
    String text = out.toString();
    assertEquals(0, exit, "the budget informs; the checks decide: " + text);
    assertTrue(text.contains("error budget left now (over 30d"), text);
    assertTrue(text.matches("(?s).*us-east +budget availability +87% +floor 25%.*"), text);
    assertTrue(
        text.matches("(?s).*eu-west +budget availability +12% +under the floor 25%: holds.*"),
        text);
    assertTrue(
        asked.stream()
            .anyMatch(
                q ->
                    q.contains(
                        "glidepath:slo_budget_remaining:ratio{service=\"checkout\","
                            + "slo=\"availability\",region=\"us-east\"}")),
        "read by the labels the rules record: " + asked);
  }

  @Test
  void sloRulesPrintsTheRuleFileAndRefusesASpecWithoutObjectives() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, SPEC);
    StringWriter out = new StringWriter();
    int exit =
        GlidepathCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .execute("slo", "rules", "-f", spec.toString());
    assertEquals(0, exit, out.toString());
    assertTrue(
        out.toString().contains("- record: glidepath:slo_budget_remaining:ratio"), out.toString());
    assertTrue(out.toString().contains("- alert: GlidepathErrorBudgetBurn"), out.toString());

    Files.writeString(spec, SPEC.substring(0, SPEC.indexOf("slo:")));
    StringWriter err = new StringWriter();
    exit =
        GlidepathCommand.commandLine()
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("slo", "rules", "-f", spec.toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains("has no slo section; add one"), err.toString());
  }
}
