package io.glidepath.cli;

import io.glidepath.status.MessageLimits;
import java.util.Optional;

/**
 * Checks what a person types before anything is sent, with the workflows' own bounds ({@link
 * MessageLimits}): a bad {@code --by}, {@code --reason} or {@code --comment} is one line and exit
 * 2, and nothing changes. Messages never repeat the value.
 */
final class Inputs {
  private Inputs() {}

  static String identity(String option, String value) {
    return check(option, MessageLimits.identityProblem(value), value.strip());
  }

  static String reason(String value) {
    return check("--reason", MessageLimits.reasonProblem(value), value);
  }

  static String comment(String value) {
    return check("--comment", MessageLimits.commentProblem(value), value);
  }

  private static String check(String option, Optional<String> problem, String value) {
    problem.ifPresent(
        why -> {
          throw new IllegalArgumentException(option + " " + why + "; nothing was sent");
        });
    return value;
  }
}
