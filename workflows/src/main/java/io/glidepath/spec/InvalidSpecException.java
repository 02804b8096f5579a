package io.glidepath.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that must not start: it carries every problem found, not just the first. */
public class InvalidSpecException extends RuntimeException {
  private final List<SpecProblem> problems;

  public InvalidSpecException(String source, List<SpecProblem> problems) {
    super(describe(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order of the spec's fields. */
  public List<SpecProblem> problems() {
    return problems;
  }

  private static String describe(String source, List<SpecProblem> problems) {
    String head =
        (source == null ? "release spec" : source)
            + " is invalid ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "); nothing was started:";
    return problems.stream()
        .map(p -> "  - " + p)
        .collect(Collectors.joining("\n", head + "\n", ""));
  }
}
