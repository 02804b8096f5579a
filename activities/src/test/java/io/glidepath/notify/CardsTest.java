package io.glidepath.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every incident card says what really happened: the cause, and the strategy's own words. */
class CardsTest {
  private static ReleaseEvent rollback(String strategy, ReleaseEvent.Incident incident) {
    return new ReleaseEvent(
        EventType.ROLLBACK_TRIGGERED,
        "release-checkout-eu-west",
        "checkout",
        "2.4.0",
        "eu-west",
        3,
        50,
        "rollback triggered",
        List.of(),
        null,
        0,
        strategy,
        incident);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BREACH  | glidepath | checkout 2.4.0 was rolled back automatically in eu-west.",
        "PERSON  | alice     | checkout 2.4.0 was rolled back by alice in eu-west.",
        "TIMEOUT | glidepath | checkout 2.4.0 was rolled back in eu-west: an approval gate timed out.",
        "ABORT   | glidepath | checkout 2.4.0 was rolled back in eu-west: the release was aborted.",
        "FAILURE | glidepath | checkout 2.4.0 was rolled back in eu-west after a step failed."
      })
  void theSummarySaysWhoOrWhatRolledBack(String cause, String by, String expected) {
    ReleaseEvent e =
        rollback("canary", new ReleaseEvent.Incident(ReleaseEvent.Cause.valueOf(cause), by, false));
    assertEquals(expected, Cards.incidentSummary(e));
  }

  @Test
  void theStageAndResolutionFitTheStrategy() {
    ReleaseEvent.Incident breach =
        new ReleaseEvent.Incident(ReleaseEvent.Cause.BREACH, "glidepath", false);
    assertEquals(
        "Canary at 50% (stage 3)", Cards.incidentFacts(rollback("canary", breach)).get("Stage"));
    assertEquals(
        "Blue-green switch, 50% on green",
        Cards.incidentFacts(rollback("blue-green", breach)).get("Stage"));
    var rolling = Cards.incidentFacts(rollback("rolling", breach));
    assertEquals("Rolling update in place", rolling.get("Stage"));
    assertEquals("The Deployment's previous pod template is back", rolling.get("Resolution"));
    assertEquals(
        "All traffic on the stable version; the new version is scaled down",
        Cards.incidentFacts(rollback("canary", breach)).get("Resolution"));
    assertEquals(
        "The stable Deployment took back its previous template; all traffic on it; the new"
            + " version is scaled down",
        Cards.incidentFacts(
                rollback(
                    "canary",
                    new ReleaseEvent.Incident(ReleaseEvent.Cause.BREACH, "glidepath", true)))
            .get("Resolution"));
  }

  @Test
  void aReleaseToAnEnvironmentNamesItInTheSummaryTheFactsAndNotices() {
    ReleaseEvent e =
        new ReleaseEvent(
            EventType.ROLLBACK_TRIGGERED,
            "release-checkout-staging",
            "checkout",
            "2.4.0",
            "staging",
            1,
            100,
            "rollback triggered",
            List.of(),
            null,
            0,
            "blue-green",
            new ReleaseEvent.Incident(ReleaseEvent.Cause.BREACH, "glidepath", false),
            null,
            "staging");
    assertEquals(
        "checkout 2.4.0 (staging) was rolled back automatically in staging.",
        Cards.incidentSummary(e));
    assertEquals("staging", Cards.incidentFacts(e).get("Environment"));
    assertEquals(
        List.of("Environment", "Region", "Stage", "Impact", "Cause", "Resolution", "Status"),
        List.copyOf(Cards.incidentFacts(e).keySet()));
    assertEquals("checkout 2.4.0 (staging) in staging: rollback triggered", Cards.noticeLine(e));
  }
}
