package io.glidepath.status;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bounds on what people send a release: who ({@code --by}, an approver), why ({@code --reason})
 * and a note ({@code --comment}). The CLI refuses a value outside them before it sends anything,
 * and the workflows' update validators refuse the same values with the same constants, so a bound
 * is defined once: these land in workflow history, status queries and cards, where a 100 KB reason
 * or a control character does harm.
 */
public final class MessageLimits {
  private MessageLimits() {}

  /** The longest name of a person, in characters (code points). */
  public static final int MAX_IDENTITY = 64;

  /** The longest reason for an abort, pause, resume or rollback, in characters. */
  public static final int MAX_REASON = 500;

  /** The longest comment on an approval, in characters. */
  public static final int MAX_COMMENT = 500;

  /**
   * A person's name: a letter or digit first, then letters, digits and {@code . _ @ + -}: user
   * names, e-mail addresses, SSO subjects. No spaces, quotes, shell metacharacters or control
   * characters.
   */
  public static final Pattern IDENTITY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@+-]*");

  /**
   * What is wrong with {@code identity} as a person's name, or empty when it is fine. The reason
   * never repeats the value.
   */
  public static Optional<String> identityProblem(String identity) {
    if (identity == null || identity.isBlank()) {
      return Optional.of("is empty; give a user name such as alice");
    }
    String t = identity.strip();
    if (t.codePointCount(0, t.length()) > MAX_IDENTITY) {
      return Optional.of("is longer than " + MAX_IDENTITY + " characters");
    }
    if (!IDENTITY.matcher(t).matches()) {
      return Optional.of(
          "may hold only letters, digits and . _ @ + - (no spaces, quotes, shell"
              + " metacharacters or control characters)");
    }
    return Optional.empty();
  }

  /** What is wrong with a reason, or empty when it is fine. A reason is required. */
  public static Optional<String> reasonProblem(String reason) {
    return textProblem(reason, MAX_REASON, true);
  }

  /** What is wrong with a comment, or empty when it is fine; no comment at all is fine. */
  public static Optional<String> commentProblem(String comment) {
    return comment == null ? Optional.empty() : textProblem(comment, MAX_COMMENT, true);
  }

  private static Optional<String> textProblem(String text, int max, boolean required) {
    if (text == null || text.isBlank()) {
      return required ? Optional.of("is empty; say why in a few words") : Optional.empty();
    }
    int length = text.codePointCount(0, text.length());
    if (length > max) {
      return Optional.of(
          "is " + length + " characters long; keep it to " + max + " (link to details instead)");
    }
    if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
      return Optional.of("holds control characters; write it on one line of plain text");
    }
    return Optional.empty();
  }
}
