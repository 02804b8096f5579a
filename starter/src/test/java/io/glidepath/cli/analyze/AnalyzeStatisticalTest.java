package io.glidepath.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.cli.GlidepathCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze} on a spec that asks for the statistical judge shows its verdict and why. */
class AnalyzeStatisticalTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  @Test
  void analyzeExplainsTheStatisticalVerdict() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String q = URLDecoder.decode(r.getTarget(), StandardCharsets.UTF_8);
            boolean canary = q.contains("version=\"2.4.0\"");
            String result;
            if (q.contains("_bucket")) {
              long[] cum = canary ? new long[] {300, 900, 1000} : new long[] {3000, 9000, 10000};
              result =
                  "{\"metric\":{\"le\":\"0.1\"},\"value\":[1,\""
                      + cum[0]
                      + "\"]},"
                      + "{\"metric\":{\"le\":\"0.5\"},\"value\":[1,\""
                      + cum[1]
                      + "\"]},"
                      + "{\"metric\":{\"le\":\"+Inf\"},\"value\":[1,\""
                      + cum[2]
                      + "\"]}";
            } else {
              String v;
              if (q.contains("status=~\"5..\"")) {
                v = canary ? "60" : "20";
              } else if (q.contains("increase(")) {
                v = canary ? "1000" : "10000";
              } else if (q.contains("process_cpu") || q.contains("jvm_memory")) {
                v = "0.3";
              } else {
                v = "40";
              }
              result = "{\"metric\":{},\"value\":[1,\"" + v + "\"]}";
            }
            return new MockResponse.Builder()
                .body(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + result
                        + "]}}")
                .build();
          }
        });
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(
        spec,
        """
        service: checkout
        version: 2.4.0
        image: ghcr.io/acme/checkout:2.4.0
        regions:
          - {name: us-east, cluster: prod, namespace: shop, deployment: {stable: checkout},
             traffic: {type: gateway-api, route: r, stableBackend: s, canaryBackend: c}}
        analysis: {judge: statistical}
        """);
    StringWriter out = new StringWriter();
    int exit =
        GlidepathCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute(
                "analyze",
                "-f",
                spec.toString(),
                "--stable-version",
                "2.3.0",
                "--prometheus-url",
                server.url("/").toString());
    String text = out.toString();
    assertEquals(1, exit, text);
    assertTrue(text.contains("60 of 1,000"), text);
    assertTrue(text.contains("20 of 10,000"), text);
    assertTrue(text.contains("Fisher"), text);
    assertTrue(text.contains("above the ceiling 1%"), text);
    assertTrue(text.contains("99.95% confidence"), text);
  }
}
