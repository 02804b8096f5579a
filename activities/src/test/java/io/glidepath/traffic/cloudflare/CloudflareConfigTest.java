package io.glidepath.traffic.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudflareConfigTest {
  @Test
  void theTokenComesFromAFileOrTheEnvironmentAndIsNeverPrinted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cf-token");
    Files.writeString(file, "from-file-token\n");
    assertEquals("from-file-token", CloudflareConfig.resolveToken("CF_API_TOKEN", file, Map.of()));
    assertEquals(
        "from-env-token",
        CloudflareConfig.resolveToken(
            "CF_API_TOKEN", null, Map.of("CF_API_TOKEN", " from-env-token ")));
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> CloudflareConfig.resolveToken("CF_API_TOKEN", null, Map.of()));
    assertTrue(missing.getMessage().contains("set the environment variable CF_API_TOKEN"));
    String printed = new CloudflareConfig(null, "from-env-token", null).toString();
    assertFalse(printed.contains("from-env-token"), printed);
    assertTrue(printed.contains("api.cloudflare.com"));
  }
}
