package io.glidepath.analysis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glidepath.spec.InvalidSpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files: read strictly, refused with the file and the field, generated as they say. */
class ScenarioFilesTest {
  static final String WARM_UP =
      """
      name: warm-up after every shift
      label: healthy
      schedule: {window: 2m, weights: [10, 10, 25]}
      traffic: {rate: 1000, jitter: 0%}
      changes:
        - {side: canary, afterShift: true, from: 0s, to: 60s, errors: 50%}
      """;

  @Test
  void theBuiltInCorpusIsReadFromItsFiles() {
    assertTrue(Corpus.SCENARIOS.size() >= 40, "built-in files");
    assertTrue(
        Corpus.SCENARIOS.stream().anyMatch(s -> s.label() == Scenario.Label.UNDECIDABLE),
        "undecidable members");
  }

  @Test
  void aChangeAfterEveryShiftAppliesInTheFirstMinuteOfEachStage() {
    Scenario s = ScenarioFiles.parse(WARM_UP, "warm-up.yaml");
    Traffic.Window[] w = Traffic.generate(s, 1);
    // Window 0 and 2 start with a shift: half their new-version requests fall in the 50% minute.
    assertTrue(w[0].canary().errors() > 0.2 * w[0].canary().requests(), "window 0");
    assertTrue(w[1].canary().errors() < 0.02 * w[1].canary().requests(), "window 1: no shift");
    assertTrue(w[2].canary().errors() > 0.2 * w[2].canary().requests(), "window 2");
    assertEquals(0, s.shiftBefore(1));
    assertEquals(240, s.shiftBefore(2));
  }

  @Test
  void unknownKeysAndImpossibleValuesAreRefusedWithTheFileAndField() {
    InvalidSpecException e =
        assertThrows(
            InvalidSpecException.class,
            () ->
                ScenarioFiles.parse(
                    """
                    name: bad
                    label: regresion
                    schedule: {window: 7s, weights: [10, 150]}
                    traffic: {rate: -3, jiter: 10%}
                    canary: {errors: 120%, latency: {median: 80ms, sigmaa: 1}}
                    changes:
                      - {side: canary, from: 2m, to: 1m, burst: {on: 30s, every: 20s}}
                    """,
                    "bad.yaml"));
    String m = e.getMessage();
    for (String expected :
        List.of(
            "bad.yaml",
            "label",
            "schedule.window",
            "schedule.weights[1]",
            "traffic.rate",
            "traffic.jiter",
            "canary.errors",
            "canary.latency.sigmaa",
            "changes[0].to",
            "changes[0].burst.on")) {
      assertTrue(m.contains(expected), expected + " in: " + m);
    }
  }

  @Test
  void aDirectoryOfFilesLoadsInNameOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.yaml"), WARM_UP.replace("warm-up after", "second"));
    Files.writeString(dir.resolve("a.yaml"), WARM_UP);
    Files.writeString(dir.resolve("notes.txt"), "not a scenario");
    List<Scenario> s = ScenarioFiles.load(dir);
    assertEquals(2, s.size());
    assertEquals("warm-up after every shift", s.get(0).name());
  }
}
