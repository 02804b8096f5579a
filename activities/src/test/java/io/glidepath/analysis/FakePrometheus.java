package io.glidepath.analysis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A Prometheus stand-in on mockwebserver3 that answers instant queries by the metric name the query
 * starts with: a vector given as JSON, or an HTTP status such as {@code 503}.
 */
final class FakePrometheus {
  static final QueryCheck ERRORS =
      new QueryCheck(
          "error-rate",
          "errors{service=\"{{service}}\",version=\"{{version}}\"}",
          io.glidepath.model.MetricUnit.RATIO,
          io.glidepath.model.FailWhen.ABOVE,
          0.01,
          2);
  static final QueryCheck THROUGHPUT =
      new QueryCheck(
          "throughput",
          "throughput{region=\"{{region}}\"}",
          io.glidepath.model.MetricUnit.NUMBER,
          io.glidepath.model.FailWhen.BELOW,
          100,
          1);

  /** Answers by metric name, or by {@code metric@version} for one version only. */
  final Map<String, String> answers = new ConcurrentHashMap<>();

  FakePrometheus(MockWebServer server) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String target = URLDecoder.decode(r.getTarget(), StandardCharsets.UTF_8);
            String metric = target.substring(target.indexOf("query=") + 6).split("[{&]")[0];
            java.util.regex.Matcher version =
                java.util.regex.Pattern.compile("version=\"([^\"]+)\"").matcher(target);
            String answer =
                version.find() && answers.containsKey(metric + "@" + version.group(1))
                    ? answers.get(metric + "@" + version.group(1))
                    : answers.getOrDefault(metric, "[]");
            if (answer.matches("\\d{3}")) {
              return new MockResponse.Builder().code(Integer.parseInt(answer)).body("{}").build();
            }
            return new MockResponse.Builder()
                .body(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + answer
                        + "}}")
                .build();
          }
        });
  }

  /** A window of checks on error-rate and throughput, every {@code interval}. */
  static ObservationRequest request(Duration window, Duration interval, double minRequestRate) {
    return new ObservationRequest(
        "release-checkout-eu-west",
        "checkout",
        "eu-west",
        "2.4.0",
        "2.3.0",
        window,
        interval,
        List.of(ERRORS, THROUGHPUT),
        3,
        3,
        minRequestRate,
        "requests{version=\"{{version}}\"}");
  }

  /** The same request with other checks. */
  static ObservationRequest withChecks(ObservationRequest r, List<QueryCheck> checks) {
    return new ObservationRequest(
        r.releaseId(),
        r.service(),
        r.region(),
        r.version(),
        r.stableVersion(),
        r.window(),
        r.interval(),
        checks,
        r.inconclusiveLimit(),
        r.errorLimit(),
        r.minRequestRate(),
        r.requestRateQuery());
  }

  /** A vector of one series per value, in the wire format. */
  static String vector(String... values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ",")
          .append("{\"metric\":{\"pod\":\"p")
          .append(i)
          .append("\"},\"value\":[1,\"")
          .append(values[i])
          .append("\"]}");
    }
    return s.append("]").toString();
  }
}
