package io.glidepath.traffic.cloudflare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the worker reaches Cloudflare. The API token is read by the worker from an environment
 * variable or a file named in its configuration; it never appears in specs, logs, workflow inputs
 * or error messages, and {@link #toString()} never prints it.
 */
public record CloudflareConfig(String baseUrl, String apiToken, Duration timeout) {
  public static final String API = "https://api.cloudflare.com/client/v4/";

  public CloudflareConfig {
    baseUrl = baseUrl == null ? API : baseUrl;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  /**
   * Reads the token from {@code file} when given, else from the environment variable {@code
   * envVar}; fails naming where it looked, never showing a value.
   */
  public static String resolveToken(String envVar, Path file, Map<String, String> env) {
    if (file != null) {
      try {
        return Files.readString(file).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Cloudflare API token file " + file, e);
      }
    }
    String token = envVar == null ? null : env.get(envVar);
    if (token == null || token.isBlank()) {
      throw new IllegalStateException(
          "no Cloudflare API token: set the environment variable "
              + envVar
              + " or name a token file in the worker's configuration");
    }
    return token.trim();
  }

  @Override
  public String toString() {
    return "CloudflareConfig[baseUrl=" + baseUrl + ", apiToken=****, timeout=" + timeout + "]";
  }
}
