package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import java.util.Optional;

/**
 * The frame of every board page: head, style, the header saying who looks, and the few lines of
 * script that re-fetch the live part at the refresh interval and send the action forms in the
 * background to show the answer in place.
 */
final class PageFrame {
  private final long refreshMillis;

  PageFrame(long refreshMillis) {
    this.refreshMillis = refreshMillis;
  }

  /**
   * A whole page: {@code fixed} stays as rendered, {@code live} is re-fetched from {@code liveUrl}
   * (when not {@code null}) at every refresh.
   */
  String page(
      String title, String liveUrl, Optional<BoardIdentity> who, String fixed, String live) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    b.append("<title>").append(esc(title)).append(" - Glidepath board</title>");
    b.append("<style>").append(CSS).append("</style></head><body>");
    b.append("<header class=\"top\"><a class=\"brand\" href=\"/board\">Glidepath board</a>");
    b.append(" <span class=\"who\">");
    b.append(
        who.map(
                w ->
                    "Signed in as <strong>"
                        + esc(w.name())
                        + "</strong>"
                        + (w.fromProxy() ? "" : " (dev identity)"))
            .orElse("Not signed in: read-only"));
    b.append("</span></header><main>").append(fixed).append("<div");
    if (liveUrl != null) {
      b.append(" id=\"live\" data-live=\"").append(esc(liveUrl)).append("\" data-refresh=\"");
      b.append(refreshMillis).append("\"");
    }
    b.append(">").append(live).append("</div></main>");
    b.append("<script>").append(SCRIPT).append("</script></body></html>");
    return b.toString();
  }

  private static final String CSS = resource("board.css");
  private static final String SCRIPT = resource("board.js");

  /** A file beside this class in the jar: the stylesheet and the script, inlined in every page. */
  private static String resource(String name) {
    try (var in = PageFrame.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the board's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
