package io.glidepath.devstack;

import io.glidepath.model.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox metric provider: answers the built-in analysis queries from {@link SandboxMetrics}
 * when no {@code prometheus} binary is installed. It knows the shapes those queries take, {@code
 * sum(rate(m{..}[w]))}, a ratio of two of them (the numerator may be {@code (.. or vector(0))}),
 * {@code histogram_quantile(q, sum by (le) (rate(m_bucket{..}[w])))}, {@code max(g{..})} and {@code
 * max(sum by (instance) (a{..}) / sum by (instance) (b{..}))}, and computes them as Prometheus
 * would, without its extrapolation. Each version runs as one instance here. Anything else is
 * refused with a message saying to install Prometheus.
 */
public final class SandboxQueries {
  private static final String SELECTOR = "([a-z_]+)\\{([^}]*)}\\[([0-9a-z]+)]";
  private static final Pattern SUM_RATE =
      Pattern.compile("sum\\s*\\(\\s*rate\\s*\\(\\s*" + SELECTOR + "\\s*\\)\\s*\\)");
  private static final Pattern QUANTILE =
      Pattern.compile(
          "histogram_quantile\\s*\\(\\s*([0-9.]+)\\s*,\\s*sum\\s+by\\s*\\(\\s*le\\s*\\)\\s*\\(\\s*rate"
              + "\\s*\\(\\s*"
              + SELECTOR
              + "\\s*\\)\\s*\\)\\s*\\)");
  private static final Pattern MAX = Pattern.compile("max\\s*\\(\\s*([a-z_]+)\\{([^}]*)}\\s*\\)");
  private static final Pattern MAX_RATIO =
      Pattern.compile(
          "max\\s*\\(\\s*sum\\s+by\\s*\\(\\s*instance\\s*\\)\\s*\\(\\s*([a-z_]+)\\{([^}]*)}\\s*\\)"
              + "\\s*/\\s*sum\\s+by\\s*\\(\\s*instance\\s*\\)\\s*\\(\\s*([a-z_]+)\\{([^}]*)}\\s*\\)\\s*\\)");

  /** {@code (X or vector(0))}: X, or 0 when X has no series. */
  private static final Pattern OR_ZERO =
      Pattern.compile("\\(\\s*(.*\\S)\\s+or\\s+vector\\s*\\(\\s*0\\s*\\)\\s*\\)");

  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|!=|=)\\s*\"([^\"]*)\"");

  private final SandboxMetrics metrics;

  public SandboxQueries(SandboxMetrics metrics) {
    this.metrics = metrics;
  }

  /** A query this provider does not know. */
  public static final class Unsupported extends RuntimeException {
    Unsupported(String query) {
      super(
          "the sandbox metric provider answers only the built-in queries (sum(rate(..)), their"
              + " ratio and histogram_quantile over sum by (le)); install prometheus for: "
              + query);
    }
  }

  /** The value of {@code query} now, or empty when it has no data (an empty vector). */
  public Optional<Double> evaluate(String query, long nowMillis) {
    String q = query.trim();
    Matcher m = QUANTILE.matcher(q);
    if (m.matches()) {
      return quantile(
          Double.parseDouble(m.group(1)), m.group(2), m.group(3), m.group(4), nowMillis);
    }
    m = MAX.matcher(q);
    if (m.matches()) {
      return latest(m.group(1), m.group(2), nowMillis, true);
    }
    m = MAX_RATIO.matcher(q);
    if (m.matches()) {
      Optional<Double> top = latest(m.group(1), m.group(2), nowMillis, false);
      Optional<Double> bottom = latest(m.group(3), m.group(4), nowMillis, false);
      return top.isPresent() && bottom.isPresent()
          ? Optional.of(top.get() / bottom.get())
          : Optional.empty();
    }
    m = SUM_RATE.matcher(q);
    if (m.matches()) {
      return sumRate(m.group(1), m.group(2), m.group(3), nowMillis);
    }
    int slash = topLevelSlash(q);
    if (slash > 0) {
      String numerator = q.substring(0, slash).trim();
      Matcher zero = OR_ZERO.matcher(numerator);
      boolean orZero = zero.matches();
      Matcher a = SUM_RATE.matcher(orZero ? zero.group(1).trim() : numerator);
      Matcher b = SUM_RATE.matcher(q.substring(slash + 1).trim());
      if (a.matches() && b.matches()) {
        Optional<Double> top = sumRate(a.group(1), a.group(2), a.group(3), nowMillis);
        if (orZero && top.isEmpty()) {
          top = Optional.of(0.0);
        }
        Optional<Double> bottom = sumRate(b.group(1), b.group(2), b.group(3), nowMillis);
        return top.isPresent() && bottom.isPresent()
            ? Optional.of(top.get() / bottom.get())
            : Optional.empty();
      }
    }
    throw new Unsupported(query);
  }

  /** The most points a range query may ask for, as Prometheus limits it. */
  public static final int MAX_POINTS = 11_000;

  /** One value of a range query: at {@code atMillis}, {@code value}. */
  public record Point(long atMillis, double value) {}

  /**
   * The values of {@code query} from {@code startMillis} to {@code endMillis} every {@code
   * stepMillis}, as {@link #evaluate} would have answered at each step (a range query); steps
   * without data are left out, as Prometheus leaves them. Only the last 15 minutes are kept.
   */
  public List<Point> evaluateRange(
      String query, long startMillis, long endMillis, long stepMillis) {
    if (stepMillis <= 0 || endMillis < startMillis) {
      throw new IllegalArgumentException(
          "a range query needs a positive step and an end at or after its start");
    }
    if ((endMillis - startMillis) / stepMillis + 1 > MAX_POINTS) {
      throw new IllegalArgumentException(
          "exceeded maximum resolution of "
              + MAX_POINTS
              + " points per timeseries: try a larger step (a shorter range or fewer points)");
    }
    List<Point> points = new ArrayList<>();
    for (long t = startMillis; t <= endMillis; t += stepMillis) {
      long at = t;
      evaluate(query, at).ifPresent(v -> points.add(new Point(at, v)));
    }
    return points;
  }

  private static int topLevelSlash(String q) {
    int depth = 0;
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
      if (c == '/' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private Optional<Double> sumRate(String name, String selector, String window, long now) {
    List<SandboxMetrics.Snapshot> in = window(window, now);
    List<Double> rates = new ArrayList<>();
    for (SandboxMetrics.Series s : matching(name, selector)) {
      rate(s, in).ifPresent(rates::add);
    }
    return rates.isEmpty()
        ? Optional.empty()
        : Optional.of(rates.stream().mapToDouble(Double::doubleValue).sum());
  }

  private Optional<Double> quantile(
      double q, String name, String selector, String window, long now) {
    List<SandboxMetrics.Snapshot> in = window(window, now);
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (SandboxMetrics.Series s : matching(name, selector)) {
      String le = s.labels().get("le");
      if (le == null) {
        continue;
      }
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      rate(s, in).ifPresent(r -> buckets.merge(bound, r, Double::sum));
    }
    if (buckets.isEmpty() || !buckets.containsKey(Double.POSITIVE_INFINITY)) {
      return Optional.empty();
    }
    double total = buckets.get(Double.POSITIVE_INFINITY);
    if (total <= 0) {
      return Optional.of(Double.NaN);
    }
    double rank = q * total;
    double lower = 0;
    double below = 0;
    for (var b : buckets.entrySet()) {
      if (b.getValue() >= rank) {
        if (b.getKey().isInfinite()) {
          return Optional.of(lower);
        }
        double inBucket = b.getValue() - below;
        return Optional.of(
            inBucket <= 0 ? b.getKey() : lower + (b.getKey() - lower) * (rank - below) / inBucket);
      }
      lower = b.getKey();
      below = b.getValue();
    }
    return Optional.of(lower);
  }

  /** The max (or sum) of the matching gauges' latest kept values; empty when none has one. */
  private Optional<Double> latest(String name, String selector, long now, boolean max) {
    List<SandboxMetrics.Snapshot> kept = metrics.between(now - 60_000, now);
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Double> values = kept.get(kept.size() - 1).values();
    return matching(name, selector).stream()
        .map(s -> values.get(s.key()))
        .filter(v -> v != null)
        .reduce(max ? Math::max : Double::sum);
  }

  /** The snapshots kept within the range {@code window} (e.g. {@code 1m}) before {@code now}. */
  private List<SandboxMetrics.Snapshot> window(String window, long now) {
    return metrics.between(now - Quantities.parseDuration(window).toMillis(), now);
  }

  /** Per-second increase of {@code s}, from its first and last values among {@code window}. */
  private static Optional<Double> rate(
      SandboxMetrics.Series s, List<SandboxMetrics.Snapshot> window) {
    List<SandboxMetrics.Snapshot> in =
        window.stream().filter(x -> x.values().containsKey(s.key())).toList();
    if (in.size() < 2) {
      return Optional.empty();
    }
    SandboxMetrics.Snapshot first = in.get(0);
    SandboxMetrics.Snapshot last = in.get(in.size() - 1);
    double seconds = (last.atMillis() - first.atMillis()) / 1000.0;
    return Optional.of(
        Math.max(0, last.values().get(s.key()) - first.values().get(s.key())) / seconds);
  }

  private List<SandboxMetrics.Series> matching(String name, String selector) {
    List<String[]> matchers = new ArrayList<>();
    Matcher m = MATCHER.matcher(selector);
    while (m.find()) {
      matchers.add(new String[] {m.group(1), m.group(2), m.group(3)});
    }
    return metrics.named(name).stream().filter(s -> matches(s.labels(), matchers)).toList();
  }

  private static boolean matches(Map<String, String> labels, List<String[]> matchers) {
    for (String[] m : matchers) {
      String value = labels.getOrDefault(m[0], "");
      boolean ok =
          switch (m[1]) {
            case "=" -> value.equals(m[2]);
            case "!=" -> !value.equals(m[2]);
            default -> value.matches(m[2]);
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
