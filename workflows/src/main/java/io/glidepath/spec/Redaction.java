package io.glidepath.spec;

import java.util.regex.Pattern;

/**
 * Removes from a message anything that could be a secret before it is printed: URLs with a path, a
 * query or credentials (webhooks carry their secret in the path), well-known token forms (Slack,
 * GitHub, GitLab, AWS, JWT, bearer tokens) and long random-looking words. A last line of defence:
 * messages are written not to echo values in the first place.
 */
public final class Redaction {
  /** What a removed value is replaced with. */
  public static final String REDACTED = "<redacted>";

  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b[a-z][a-z0-9+.-]*://(?:[^\\s'\"/?#@]*@[^\\s'\"]*|[^\\s'\"/?#]+[/?#][^\\s'\"]*)");
  private static final Pattern TOKEN =
      Pattern.compile(
          "(?i)\\b(?:xox[a-z]-[\\w-]+|xapp-[\\w-]+|gh[pousr]_\\w+|github_pat_\\w+|glpat-[\\w-]+"
              + "|sk-[\\w-]{8,}|AKIA[0-9A-Z]{12,}|eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]*)"
              + "|(?i)\\bbearer\\s+\\S+");
  // 20+ characters of one word mixing letters and digits: an API key, not an English word or a
  // hyphenated name such as apac-southeast-2.
  private static final Pattern RANDOM =
      Pattern.compile("(?<![\\w+=])(?=[\\w+=]*\\d)(?=[\\w+=]*[A-Za-z])[\\w+=]{20,}");

  private Redaction() {}

  /** {@code text} with every secret-looking part replaced by {@value #REDACTED}. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = URL.matcher(text).replaceAll(REDACTED);
    out = TOKEN.matcher(out).replaceAll(REDACTED);
    return RANDOM.matcher(out).replaceAll(REDACTED);
  }
}
