package io.glidepath.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves the secret names a release spec gives (an environment variable such as {@code
 * SLACK_INCIDENTS_WEBHOOK}, or {@code file:/path}) to their values, in the worker only. Errors name
 * the secret, never its value.
 */
public final class Secrets {
  private final Map<String, String> env;

  public Secrets(Map<String, String> env) {
    this.env = env;
  }

  /** The worker's own environment. */
  public static Secrets fromEnvironment() {
    return new Secrets(System.getenv());
  }

  /** The value of the secret called {@code name}. */
  public String resolve(String name) {
    if (name.startsWith("file:")) {
      Path file = Path.of(name.substring(5));
      try {
        return Files.readString(file).trim();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "secret " + name + " is not set on this worker: set the environment variable " + name);
    }
    return value.trim();
  }
}
