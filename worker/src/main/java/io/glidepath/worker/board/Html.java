package io.glidepath.worker.board;

/** HTML escaping: every piece of release data (names, reasons, comments) goes through it. */
final class Html {
  private Html() {}

  /** {@code s} safe as element text and as a quoted attribute value; {@code null} is empty. */
  static String esc(Object s) {
    if (s == null) {
      return "";
    }
    String t = s.toString();
    StringBuilder b = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
