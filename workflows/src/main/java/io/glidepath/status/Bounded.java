package io.glidepath.status;

/**
 * Keeps what people send from growing a workflow's state without bound: text longer than a limit is
 * cut, and says so.
 */
public final class Bounded {
  /** Longest reason or comment a workflow keeps from a message. */
  public static final int MAX_TEXT = MessageLimits.MAX_REASON;

  /** Longest name (a person, a role) a workflow keeps from a message. */
  public static final int MAX_NAME = MessageLimits.MAX_IDENTITY;

  private Bounded() {}

  /** {@code s} cut to at most {@code max} characters, ending in an ellipsis when it was cut. */
  public static String text(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, Math.max(0, max - 1)) + "…";
  }

  /** {@code c} with its name and reason cut to the limits, so a signal cannot grow state. */
  public static Control control(Control c) {
    return new Control(
        text(c.by(), MAX_NAME),
        text(c.reason(), MAX_TEXT),
        text(c.region(), MAX_NAME),
        text(c.identity(), MAX_NAME));
  }

  /**
   * Why {@code value} may not be carried by a message, or {@code null} when it fits: for Update
   * validators, which can refuse before anything is recorded.
   */
  public static String tooLong(String field, String value, int max) {
    if (value == null || value.length() <= max) {
      return null;
    }
    return field + " is " + value.length() + " characters; at most " + max + " are allowed";
  }

  /** Refuses the first problem {@link #tooLong} found, if any: for Update validators. */
  public static void refuse(String... problems) {
    for (String p : problems) {
      if (p != null) {
        throw new IllegalArgumentException(p);
      }
    }
  }
}
