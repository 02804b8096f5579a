package io.glidepath.analysis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the backfill file holds: valid, monotonic, and faithful to the generated windows. */
class OpenMetricsTest {
  static final long START = 1_700_000_000_000L;

  static String write(String region, Scenario s) throws IOException {
    StringWriter out = new StringWriter();
    OpenMetrics.write(
        List.of(new OpenMetrics.Run(region, Traffic.generate(s, 1), START)), "eval", out);
    return out.toString();
  }

  /** Series name and labels to its (seconds, value) samples, in file order. */
  static Map<String, List<double[]>> series(String text) {
    Map<String, List<double[]>> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      out.computeIfAbsent(parts[0], k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(parts[2]), Double.parseDouble(parts[1])});
    }
    return out;
  }

  @Test
  void countersRiseWithTheWindowsAndTheCountIsTheInfBucket() throws IOException {
    Scenario s = Corpus.SCENARIOS.get(0);
    String text = write("s0-1", s);
    assertTrue(text.endsWith("# EOF\n"));
    Map<String, List<double[]>> series = series(text);
    for (var e : series.entrySet()) {
      List<double[]> points = e.getValue();
      for (int i = 1; i < points.size(); i++) {
        assertTrue(points.get(i)[0] > points.get(i - 1)[0], e.getKey() + ": time goes forward");
        if (e.getKey().startsWith(OpenMetrics.HISTOGRAM)) {
          assertTrue(points.get(i)[1] >= points.get(i - 1)[1], e.getKey() + ": monotonic");
        }
      }
    }
    String labels = "service=\"eval\",region=\"s0-1\",version=\"1.0.0\",status=\"200\"";
    List<double[]> count = series.get(OpenMetrics.HISTOGRAM + "_count{" + labels + "}");
    List<double[]> inf = series.get(OpenMetrics.HISTOGRAM + "_bucket{" + labels + ",le=\"+Inf\"}");
    assertEquals(s.weights().length * s.windowSeconds() / OpenMetrics.SCRAPE_SECONDS, count.size());
    for (int i = 0; i < count.size(); i++) {
      assertEquals(count.get(i)[1], inf.get(i)[1]);
    }
    // By the last scrape of the first window, 110 of its 120 s of stable 2xx have been counted.
    Traffic.Side stable = Traffic.generate(s, 1)[0].stable();
    double twoXx = stable.requests() - stable.errors();
    int last = s.windowSeconds() / OpenMetrics.SCRAPE_SECONDS - 1;
    assertEquals(twoXx * 110 / 120, count.get(last)[1], 1.0);
  }

  @Test
  void aGoneScrapeLeavesNoSamplesAndANew5xxSeriesStartsAtItsFirstError() throws IOException {
    Scenario missing =
        Corpus.SCENARIOS.stream()
            .filter(x -> x.label() == Scenario.Label.MISSING_DATA && x.canaryMissing().contains(3))
            .findFirst()
            .orElseThrow();
    Map<String, List<double[]>> series = series(write("m", missing));
    long goneFrom = START / 1000 + 3L * missing.windowSeconds();
    boolean canarySeen = false;
    for (var e : series.entrySet()) {
      if (!e.getKey().contains("version=\"2.0.0\"")) {
        continue;
      }
      canarySeen = true;
      for (double[] p : e.getValue()) {
        assertTrue(p[0] < goneFrom, e.getKey() + " has a sample after its scrape was gone");
      }
      if (e.getKey().startsWith(OpenMetrics.HISTOGRAM + "_count") && e.getKey().contains("500")) {
        assertTrue(e.getValue().get(0)[1] > 0, e.getKey() + " exists only from its first error");
      }
    }
    assertTrue(canarySeen);
  }
}
