package io.glidepath.worker.dev;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command runs this demo; it must keep telling the story it promises. */
class DemoTest {
  @Test
  void theDemoCompletesOneRegionRollsBackTheSecondAndProtectsTheThird() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(null, FaultProfile.DEMO);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(
        out.contains(
            "eu-west  glidepath  rollback triggered           p95-latency 520 ms > 400 ms"),
        out);
    assertTrue(out.contains("us-east: completed; eu-west: rolled back at stage 3"), out);
    assertTrue(out.contains("apac: protected"), out);
    assertTrue(out.contains("eu-west  0% on 2.4.0, 100% on stable 2.3.0"), out);
    assertTrue(out.contains("apac     untouched"), out);
    org.junit.jupiter.api.Assertions.assertEquals(1, exit, "a rolled-back release exits 1");
  }
}
