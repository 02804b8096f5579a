package io.glidepath.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flag releases on the dev stack, on a real clock: the real flagd router publishes the flag in the
 * sandbox's cluster, the sandbox's users get flagd's variants through the OpenFeature SDK, and the
 * real analysis judges users on the new variant against users on the old one.
 */
class FlagReleaseDevStackTest {
  static final String SPEC =
      """
      service: checkout
      version: new-checkout-1
      regions:
        - {name: us-east, cluster: us-east, namespace: shop, deployment: {stable: checkout},
           traffic: {type: flagd, flag: new-checkout, allowlistAttribute: email,
                     allowlist: user3@example.com, keepAllowlist: true}}
      strategy:
        canary:
          stages:
            - {weight: 10%, hold: 6s, thresholds: {error-rate: 1%}}
            - {weight: 50%, hold: 6s, thresholds: {error-rate: 1%}}
            - {weight: 100%, hold: 6s, thresholds: {error-rate: 1%}}
      analysis: {interval: 2s}
      soak: 0s
      """;

  @TempDir Path dir;

  private String run(FaultProfile faults, int expectedExit) throws Exception {
    Path spec = dir.resolve("flag-release.yaml");
    Files.writeString(spec, SPEC);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        new Demo(new PrintStream(new Tee(bytes, System.out), true, StandardCharsets.UTF_8))
            .run(spec.toString(), faults);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, exit, out);
    return out;
  }

  /** Writes to the buffer the test reads and to the test's output, for the report of a failure. */
  private static final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    Tee(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] data, int off, int len) throws java.io.IOException {
      a.write(data, off, len);
      b.write(data, off, len);
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(300)
  void aFlagReleaseGoesTo100PercentOfUsersAndPromotes() throws Exception {
    String out = run(FaultProfile.HEALTHY, 0);
    assertTrue(out.contains("feature new-checkout: on is the default variant for every user"), out);
    assertTrue(out.contains("us-east: completed"), out);
  }

  @Test
  @org.junit.jupiter.api.Timeout(300)
  void aFaultOnTheNewVariantRollsTheFlagBackAndTheCardNamesItWithTheEvidence() throws Exception {
    FaultProfile faults =
        new FaultProfile(
            List.of(new FaultProfile.Fault("us-east", FaultProfile.NEW, null, 0.05, 0)),
            List.of(),
            List.of());
    String out = run(faults, 1);
    assertTrue(out.contains("| Incident: rollback triggered"), out);
    assertTrue(
        out.contains("| checkout feature new-checkout was rolled back automatically in us-east."),
        out);
    assertTrue(out.contains("| Stage       Feature new-checkout at 10% of users (stage 1)"), out);
    assertTrue(out.contains("| Impact      Rollback triggered, every user back on the old"), out);
    assertTrue(out.contains("off the default (the allowlist keeps on)"), out);
    assertTrue(out.matches("(?s).*error-rate [0-9.]+% > 1(\\.0)?%.*"), "the evidence: " + out);
  }
}
