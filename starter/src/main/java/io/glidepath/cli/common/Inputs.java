package io.glidepath.cli.common;

import io.glidepath.status.MessageLimits;
import java.util.Optional;

/**
 * Checks what a person types before anything is sent, with the workflows' own bounds ({@link
 * MessageLimits}): a bad {@code --by}, {@code --reason} or {@code --comment} is one line and exit
 * 2, and nothing changes. Messages never repeat the value.
 */
public final class Inputs {
  private Inputs() {}

  public static String identity(String option, String value) {
    return check(option, MessageLimits.identityProblem(value), value.strip());
  }

  /**
   * A Temporal client identity ({@code --identity}): at most {@link MessageLimits#MAX_IDENTITY}
   * characters of letters, digits and {@code . _ @ + - : /}, no spaces or control characters.
   */
  public static String clientIdentity(String value) {
    Optional<String> problem = Optional.empty();
    if (value == null || value.isBlank()) {
      problem = Optional.of("is empty; give one such as alice@laptop");
    } else if (value.strip().codePointCount(0, value.strip().length())
        > MessageLimits.MAX_IDENTITY) {
      problem = Optional.of("is longer than " + MessageLimits.MAX_IDENTITY + " characters");
    } else if (!value.strip().matches("[\\p{L}\\p{N}][\\p{L}\\p{N}._@+:/-]*")) {
      problem =
          Optional.of(
              "may hold only letters, digits and . _ @ + - : / (no spaces, quotes, shell"
                  + " metacharacters or control characters)");
    }
    return check("--identity", problem, value == null ? null : value.strip());
  }

  public static String reason(String value) {
    return check("--reason", MessageLimits.reasonProblem(value), value);
  }

  public static String comment(String value) {
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
