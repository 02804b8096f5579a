package io.glidepath.slo;

import io.glidepath.model.SloSpec;
import io.glidepath.model.SloSpec.BurnAlert;
import io.glidepath.model.SloSpec.Objective;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Prometheus rules of a service's objectives, in the multi-window, multi-burn-rate shape of the
 * SRE workbook (as Sloth and Pyrra generate them): per objective and region, the error ratio over
 * every alert window and over the period, the burn rate over each of those windows (the error ratio
 * divided by the budget), the budget still remaining over the period, and one alert per burn-rate
 * pair that fires while both of its windows burn faster than its factor. Pure: the same spec gives
 * the same file, byte for byte.
 *
 * <p>Every recorded series carries the labels {@code service}, {@code slo} (the objective's name)
 * and {@code region}; the gates read {@link #BUDGET_REMAINING} and {@link #burnRate} by them.
 */
public final class PrometheusRules {
  /** The error ratio over a window: {@code glidepath:slo_errors:ratio_rate5m}. */
  public static final String ERROR_RATIO = "glidepath:slo_errors:ratio_rate";

  /** The burn rate over a window: {@code glidepath:slo_burn_rate:rate5m}. */
  public static final String BURN_RATE = "glidepath:slo_burn_rate:rate";

  /** The share of the period's error budget left (1 untouched, 0 spent, below 0 overspent). */
  public static final String BUDGET_REMAINING = "glidepath:slo_budget_remaining:ratio";

  /** The objective as a fraction ({@code 0.9995}), for dashboards. */
  public static final String OBJECTIVE = "glidepath:slo_objective:ratio";

  /** The alert every burn-rate pair raises; its labels say which pair. */
  public static final String ALERT = "GlidepathErrorBudgetBurn";

  /** The request counter and latency histogram the built-in objectives read (Micrometer's). */
  static final String REQUESTS = "http_server_requests_seconds";

  /** Availability: 5xx and timeouts fail; with 2xx, 3xx and 404 (good) they are the requests. */
  static final String BAD_STATUS = "5..|timeout";

  static final String VALID_STATUS = "[23]..|404|5..|timeout";

  private PrometheusRules() {}

  /** The rule file for {@code service}'s objectives, as YAML Prometheus and promtool load. */
  public static String yaml(String service, SloSpec slo) {
    StringBuilder out = new StringBuilder("groups:\n");
    for (Objective o : slo.objectives()) {
      group(out, recordings(service, slo, o));
      group(out, alerts(service, slo, o));
    }
    return out.toString();
  }

  /**
   * One group in block style: names and labels single-quoted, each expression a literal block, so
   * PromQL reads as written (no escaped quotes).
   */
  @SuppressWarnings("unchecked")
  private static void group(StringBuilder out, Map<String, Object> group) {
    out.append("  - name: ").append(quoted((String) group.get("name"))).append('\n');
    out.append("    rules:\n");
    for (Object item : (List<Object>) group.get("rules")) {
      Map<String, Object> rule = (Map<String, Object>) item;
      String first = "      - ";
      for (Map.Entry<String, Object> e : rule.entrySet()) {
        out.append(first).append(e.getKey()).append(':');
        first = "        ";
        if (e.getValue() instanceof Map<?, ?> m) {
          out.append('\n');
          m.forEach(
              (k, v) ->
                  out.append("          ")
                      .append(k)
                      .append(": ")
                      .append(quoted((String) v))
                      .append('\n'));
        } else if (e.getKey().equals("expr")) {
          out.append(" |-\n          ").append(e.getValue()).append('\n');
        } else {
          out.append(' ').append(e.getValue()).append('\n');
        }
      }
    }
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static Map<String, Object> recordings(String service, SloSpec slo, Objective o) {
    List<Object> rules = new ArrayList<>();
    Map<String, String> labels = labels(service, o);
    for (Duration w : windows(slo)) {
      rules.add(record(ERROR_RATIO + window(w), errorRatio(service, o, w), labels));
    }
    for (Duration w : windows(slo)) {
      rules.add(
          record(
              BURN_RATE + window(w),
              recorded(ERROR_RATIO + window(w), service, o) + " / " + budget(o),
              labels));
    }
    rules.add(
        record(
            BUDGET_REMAINING,
            "1 - " + recorded(ERROR_RATIO + window(slo.period()), service, o) + " / " + budget(o),
            labels));
    rules.add(record(OBJECTIVE, "vector(" + fraction(o) + ")", labels));
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "glidepath-slo-" + service + "-" + o.name());
    group.put("rules", rules);
    return group;
  }

  private static Map<String, Object> alerts(String service, SloSpec slo, Objective o) {
    List<Object> rules = new ArrayList<>();
    for (BurnAlert a : slo.burnAlerts()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("alert", ALERT);
      rule.put("expr", burning(service, o, a));
      Map<String, String> labels = labels(service, o);
      labels.put("severity", a.severity().name().toLowerCase(java.util.Locale.ROOT));
      labels.put("long_window", window(a.longWindow()));
      labels.put("short_window", window(a.shortWindow()));
      labels.put("factor", number(a.factor()));
      rule.put("labels", labels);
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(
          "summary",
          service
              + " in {{ $labels.region }} burns its "
              + o.name()
              + " error budget "
              + number(a.factor())
              + "x too fast over "
              + window(a.longWindow())
              + " and "
              + window(a.shortWindow()));
      annotations.put(
          "description",
          "Objective "
              + number(o.percent())
              + "% over "
              + window(slo.period())
              + ": at this pace the whole budget is gone in "
              + window(Duration.ofSeconds((long) (slo.period().toSeconds() / a.factor())))
              + ". Burn rate over "
              + window(a.longWindow())
              + ": {{ $value | humanize }}x.");
      rule.put("annotations", annotations);
      rules.add(rule);
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "glidepath-slo-" + service + "-" + o.name() + "-alerts");
    group.put("rules", rules);
    return group;
  }

  /**
   * The PromQL that is true (per region) while {@code a} burns: the burn rate above the factor over
   * the long and the short window. Its value is the long window's burn rate.
   */
  public static String burning(String service, Objective o, BurnAlert a) {
    return recorded(BURN_RATE + window(a.longWindow()), service, o)
        + " > "
        + number(a.factor())
        + " and "
        + recorded(BURN_RATE + window(a.shortWindow()), service, o)
        + " > "
        + number(a.factor());
  }

  /** The recorded remaining budget of {@code o} in {@code region}. */
  public static String budgetRemaining(String service, Objective o, String region) {
    return BUDGET_REMAINING + selector(service, o, region);
  }

  /** The recorded burn rate of {@code o} in {@code region} over {@code window}. */
  public static String burnRate(String service, Objective o, String region, Duration window) {
    return BURN_RATE + window(window) + selector(service, o, region);
  }

  private static String selector(String service, Objective o, String region) {
    return "{service=\"" + service + "\",slo=\"" + o.name() + "\",region=\"" + region + "\"}";
  }

  private static String recorded(String metric, String service, Objective o) {
    return metric + "{service=\"" + service + "\",slo=\"" + o.name() + "\"}";
  }

  /**
   * The error ratio of {@code o} per region over {@code w}: failed events over all events. A region
   * with requests and no failed series yet has the ratio 0, not no data.
   */
  public static String errorRatio(String service, Objective o, Duration w) {
    String errors;
    String total;
    if (o.errors() != null) {
      errors = fill(o.errors(), service, w);
      total = fill(o.total(), service, w);
    } else if (o.kind() == SloSpec.Kind.LATENCY) {
      total = rate(REQUESTS + "_count{service=\"" + service + "\"}", w);
      errors =
          total
              + " - "
              + rate(
                  REQUESTS
                      + "_bucket{service=\""
                      + service
                      + "\",le=~\""
                      + bucket(o.latency())
                      + "\"}",
                  w);
    } else {
      errors =
          rate(REQUESTS + "_count{service=\"" + service + "\",status=~\"" + BAD_STATUS + "\"}", w);
      total =
          rate(
              REQUESTS + "_count{service=\"" + service + "\",status=~\"" + VALID_STATUS + "\"}", w);
    }
    return "((" + errors + ") or (" + total + ") * 0) / (" + total + ")";
  }

  private static String rate(String selector, Duration w) {
    return "sum by (region) (rate(" + selector + "[" + window(w) + "]))";
  }

  private static String fill(String template, String service, Duration w) {
    return template.replace("{{window}}", window(w)).replace("{{service}}", service);
  }

  /**
   * The {@code le} label of the bucket at {@code latency} in seconds, as a regular expression that
   * also takes the float spelling newer Prometheus versions normalise to ({@code 0.1}, {@code
   * 1.0}).
   */
  static String bucket(Duration latency) {
    String le = BigDecimal.valueOf(latency.toNanos(), 9).stripTrailingZeros().toPlainString();
    String escaped = le.replace(".", "\\\\.");
    return le.contains(".") ? escaped + "0*" : escaped + "(\\\\.0*)?";
  }

  /** Every window a rule is recorded over, shortest first: the alerts' and the period. */
  public static List<Duration> windows(SloSpec slo) {
    TreeSet<Duration> all = new TreeSet<>();
    for (BurnAlert a : slo.burnAlerts()) {
      all.add(a.longWindow());
      all.add(a.shortWindow());
    }
    all.add(slo.period());
    return List.copyOf(all);
  }

  /** A window as Prometheus writes a range: {@code 5m}, {@code 1h}, {@code 3d}, {@code 90s}. */
  public static String window(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /** The error budget as an exact decimal fraction: 99.95% gives {@code 0.0005}. */
  static String budget(Objective o) {
    return BigDecimal.valueOf(100)
        .subtract(BigDecimal.valueOf(o.percent()))
        .movePointLeft(2)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String fraction(Objective o) {
    return BigDecimal.valueOf(o.percent()).movePointLeft(2).stripTrailingZeros().toPlainString();
  }

  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static Map<String, String> labels(String service, Objective o) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("service", service);
    labels.put("slo", o.name());
    return labels;
  }

  private static Map<String, Object> record(String name, String expr, Map<String, String> labels) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("record", name);
    rule.put("expr", expr);
    rule.put("labels", labels);
    return rule;
  }
}
