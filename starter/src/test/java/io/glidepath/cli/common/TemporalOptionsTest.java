package io.glidepath.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default client identity is always one the CLI itself accepts. */
class TemporalOptionsTest {
  @Test
  void theDefaultIdentityIsUserAtHostAndAlwaysValid() {
    assertEquals("bob@laptop", TemporalOptions.defaultIdentity("bob", "laptop"));
    assertEquals("ACME-bob-smith@pc-1", TemporalOptions.defaultIdentity("ACME\\bob smith", "pc 1"));
    assertEquals("user_x@h", TemporalOptions.defaultIdentity("_x", "h"));
    String longOne = TemporalOptions.defaultIdentity("u".repeat(80), "host");
    assertEquals(64, longOne.length());
    for (String id :
        new String[] {
          longOne,
          TemporalOptions.defaultIdentity("ACME\\bob smith", "pc 1"),
          TemporalOptions.defaultIdentity(null, "h")
        }) {
      assertEquals(id, Inputs.clientIdentity(id));
    }
  }
}
