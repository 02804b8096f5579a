package io.glidepath.analysis;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a query's placeholders for one check of one region. */
public final class QueryTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

  private QueryTemplates() {}

  /**
   * The values of every placeholder for {@code request}. {@code {{window}}} is the rate window:
   * three check intervals and at least one minute, so {@code rate()} always has samples to work
   * with.
   */
  public static Map<String, String> variables(ObservationRequest request) {
    long seconds = rateWindow(request).toSeconds();
    return Map.of(
        "service", request.service(),
        "region", request.region(),
        "version", request.version(),
        "stable_version", request.stableVersion() == null ? "" : request.stableVersion(),
        "window", promDuration(Duration.ofSeconds(seconds)));
  }

  /** The rate window of {@code request}: three check intervals, at least one minute. */
  public static Duration rateWindow(ObservationRequest request) {
    return Duration.ofSeconds(Math.max(60, request.interval().multipliedBy(3).toSeconds()));
  }

  /** Replaces every {@code {{name}}} in {@code template}; an unknown name is an error. */
  public static String render(String template, Map<String, String> variables) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "unknown placeholder {{" + m.group(1) + "}} in query: " + template);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String promDuration(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? (s / 60) + "m" : s + "s";
  }
}
