package io.glidepath.worker.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slack's v0 signature and its five-minute window, alone. */
class SlackSignatureTest {
  static final String SECRET = "s3cret";
  static final byte[] BODY = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
  static final long NOW = 1_800_000_000L;

  @Test
  void aSignatureOfTheRawBodyWithinFiveMinutesPasses() {
    String ts = String.valueOf(NOW - 299);
    assertEquals(
        Optional.empty(),
        SlackSignature.problem(SECRET, ts, SlackSignature.sign(SECRET, ts, BODY), BODY, NOW));
    assertTrue(SlackSignature.sign(SECRET, ts, BODY).matches("v0=[0-9a-f]{64}"));
  }

  @Test
  void oldFutureTamperedMissingOrForeignRequestsFail() {
    String old = String.valueOf(NOW - 301);
    assertTrue(
        SlackSignature.problem(SECRET, old, SlackSignature.sign(SECRET, old, BODY), BODY, NOW)
            .orElseThrow()
            .contains("replay"));
    String future = String.valueOf(NOW + 301);
    assertTrue(
        SlackSignature.problem(SECRET, future, SlackSignature.sign(SECRET, future, BODY), BODY, NOW)
            .isPresent());
    String ts = String.valueOf(NOW);
    String sig = SlackSignature.sign(SECRET, ts, BODY);
    byte[] other = "payload=%7B%7D%20".getBytes(StandardCharsets.UTF_8);
    assertTrue(SlackSignature.problem(SECRET, ts, sig, other, NOW).isPresent(), "body changed");
    assertTrue(
        SlackSignature.problem(SECRET, String.valueOf(NOW - 1), sig, BODY, NOW).isPresent(),
        "timestamp changed");
    assertTrue(SlackSignature.problem("other", ts, sig, BODY, NOW).isPresent(), "other key");
    assertTrue(SlackSignature.problem(SECRET, null, sig, BODY, NOW).isPresent());
    assertTrue(SlackSignature.problem(SECRET, ts, null, BODY, NOW).isPresent());
    assertTrue(SlackSignature.problem(SECRET, "soon", sig, BODY, NOW).isPresent());
  }
}
