package io.glidepath.analysis.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private PrometheusClient client() {
    return new PrometheusClient(PrometheusConfig.at(server.url("/prom").toString()));
  }

  private void answer(int code, String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static final Instant AT = Instant.ofEpochSecond(1795330309);

  @Test
  void decodesAVectorAndSendsTheQueryAndTime() throws Exception {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"version":"2.4.0","pod":"a"},"value":[1795330309.828,"0.0654"]},
          {"metric":{"version":"2.4.0","pod":"b"},"value":[1795330309.828,"0.07"]}]}}""");
    PromResult r = client().query("sum(rate(x[1m]))", AT);

    assertEquals("vector", r.resultType());
    assertEquals(2, r.series().size());
    assertEquals(0.0654, r.series().get(0).last());
    assertEquals(Map.of("version", "2.4.0", "pod", "a"), r.series().get(0).labels());
    RecordedRequest req = server.takeRequest();
    assertEquals("GET", req.getMethod());
    String target = URLDecoder.decode(req.getTarget(), StandardCharsets.UTF_8);
    assertTrue(
        target.startsWith("/prom/api/v1/query?query=sum(rate(x[1m]))&time=1795330309.000"), target);
  }

  @Test
  void decodesOddValuesMatricesScalarsAndWarnings() {
    answer(
        200,
        """
        {"status":"success","warnings":["query touched 3 overlapping blocks"],
         "data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1e-3"]]}]}}""");
    PromResult m = client().queryRange("q", AT.minusSeconds(60), AT, Duration.ofSeconds(15));
    List<PromResult.Point> points = m.series().get(0).points();
    assertTrue(Double.isNaN(points.get(0).value()));
    assertEquals(Double.POSITIVE_INFINITY, points.get(1).value());
    assertEquals(Double.NEGATIVE_INFINITY, points.get(2).value());
    assertEquals(0.001, points.get(3).value());
    assertEquals(List.of("query touched 3 overlapping blocks"), m.warnings());

    answer(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"6672\"]}}");
    assertEquals(6672.0, client().query("scalar(x)", AT).series().get(0).last());
  }

  @Test
  void aBadQueryIsNonRetryableAndQuotesPrometheus() {
    answer(
        400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected \\\")\\\"\"}");
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> client().query("sum(x))", AT));
    assertTrue(f.isNonRetryable());
    assertEquals("BadQuery", f.getType());
    assertTrue(
        f.getOriginalMessage().contains("bad_data: 1:5: parse error"), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains("sum(x))"));

    answer(
        422,
        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching\"}");
    assertEquals(
        "BadQuery",
        assertThrows(ApplicationFailure.class, () -> client().query("a/b", AT)).getType());
  }

  @Test
  void outagesAreTransientAndRefusedCredentialsAreNot() {
    answer(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}");
    PrometheusUnavailableException e =
        assertThrows(PrometheusUnavailableException.class, () -> client().query("q", AT));
    assertTrue(e.getMessage().contains("HTTP 503 (timeout: query timed out)"), e.getMessage());

    answer(401, "Unauthorized");
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> client().query("q", AT));
    assertEquals("PrometheusForbidden", f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void anUnreachableServerIsTransient() throws Exception {
    String url = server.url("/").toString();
    server.close();
    assertThrows(
        PrometheusUnavailableException.class,
        () -> new PrometheusClient(PrometheusConfig.at(url)).query("q", AT));
  }

  @Test
  void sendsBearerTokenAndCustomHeadersButNeverPrintsThem() throws Exception {
    PrometheusConfig config =
        new PrometheusConfig(
            server.url("/").toString(),
            Duration.ofSeconds(5),
            "s3cret-token",
            null,
            null,
            Map.of("X-Scope-OrgID", "team-a"));
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    new PrometheusClient(config).query("up", AT);
    RecordedRequest req = server.takeRequest();
    assertEquals("Bearer s3cret-token", req.getHeaders().get("Authorization"));
    assertEquals("team-a", req.getHeaders().get("X-Scope-OrgID"));
    assertTrue(!config.toString().contains("s3cret") && !config.toString().contains("team-a"));
  }
}
