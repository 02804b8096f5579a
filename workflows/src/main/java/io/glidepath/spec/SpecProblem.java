package io.glidepath.spec;

/**
 * One thing wrong with a spec: the field path (e.g. {@code strategy.canary.stages[2].weight}) and a
 * message that gives the bad value and the fix.
 */
public record SpecProblem(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
