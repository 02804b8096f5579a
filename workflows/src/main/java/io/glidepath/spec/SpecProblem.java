package io.glidepath.spec;

/**
 * One thing wrong with a spec: the field path (e.g. {@code strategy.canary.stages[2].weight}) and a
 * message that gives the bad value and the fix. Both are {@linkplain Redaction redacted}, so no
 * problem carries a value that looks like a secret.
 */
public record SpecProblem(String path, String message) {
  public SpecProblem {
    path = Redaction.redact(path);
    message = Redaction.redact(message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
