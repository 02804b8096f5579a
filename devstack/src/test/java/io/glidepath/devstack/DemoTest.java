package io.glidepath.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's first command runs this demo on a real clock (about a minute and a half here): it
 * must keep telling the story it promises, through the real activities and the sandbox.
 */
class DemoTest {
  @Test
  void theDemoCompletesOneRegionRollsBackTheSecondAndProtectsTheThird() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(null, FaultProfile.DEMO);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(out.matches("(?s).*eu-west +glidepath +rollback triggered +.*p95-latency.*"), out);
    assertTrue(out.contains("| Incident: rollback triggered"), "the incident card: " + out);
    assertTrue(out.contains("| Region      eu-west"), out);
    assertTrue(out.contains("us-east: completed; eu-west: rolled back at stage 3"), out);
    assertTrue(out.contains("apac-se: protected"), out);
    assertTrue(
        out.contains(
            "us-east  {checkout=100, checkout-canary=0} {checkout=2.4.0 x3, checkout-canary=2.4.0 x0}"),
        "us-east promoted: the stable Deployment serves 2.4.0, the canary is at 0\n" + out);
    assertTrue(
        out.contains(
            "eu-west  {checkout=100, checkout-canary=0} {checkout=2.3.0 x3, checkout-canary=2.4.0 x0}"),
        "eu-west rolled back: stable still serves 2.3.0\n" + out);
    assertTrue(out.contains("apac-se  {checkout=100, checkout-canary=0} {checkout=2.3.0 x3}"), out);
    assertEquals(1, exit, "a rolled-back release exits 1");
  }
}
