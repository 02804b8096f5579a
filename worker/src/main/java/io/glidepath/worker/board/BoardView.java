package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;
import static io.glidepath.worker.board.Html.time;
import static io.glidepath.worker.board.Html.urlPart;

import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board's HTML, rendered on the server. Every value that comes from a release (names, reasons,
 * comments, gate ids) is escaped. A release's page is its summary and controls, then its {@link
 * RegionTable}, {@link GateList}, {@link MetricCharts} and {@link DecisionTimeline}, all inside the
 * {@link PageFrame}; actions are plain {@link ActionForms}.
 */
final class BoardView {
  /** One release in the list. */
  record Row(String workflowId, String state, boolean running, long startMillis) {}

  /** What a release page needs besides the status: who looks, and the metric samples. */
  record Viewer(Optional<BoardIdentity> who, String token) {}

  /**
   * One rendering of a release's live part, as its sections need it: the release at {@code base},
   * whether the viewer may act on it, and the time countdowns count from.
   */
  record ReleaseView(ReleaseStatus status, String base, Viewer viewer, boolean canAct, long now) {}

  private final PageFrame frame;

  BoardView(long refreshMillis) {
    this.frame = new PageFrame(refreshMillis);
  }

  /** The list of releases, running first, then the most recent. */
  String listPage(List<Row> rows, Optional<BoardIdentity> who, String problem) {
    return frame.page("Releases", "/board?part=live", who, "", listBody(rows, problem));
  }

  String listBody(List<Row> rows, String problem) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Releases</h1>");
    if (problem != null) {
      b.append("<p class=\"msg refused\" role=\"alert\">").append(esc(problem)).append("</p>");
    }
    if (rows.isEmpty()) {
      b.append("<p>No releases yet.</p>");
      return b.toString();
    }
    b.append("<table class=\"releases\"><caption>Running first, then the most recent</caption>");
    b.append("<thead><tr><th scope=\"col\">Release</th><th scope=\"col\">State</th>");
    b.append("<th scope=\"col\">Started</th></tr></thead><tbody>");
    for (Row r : rows) {
      b.append("<tr class=\"").append(r.running() ? "running" : "closed").append("\"><td>");
      b.append("<a href=\"/board/releases/")
          .append(esc(urlPart(r.workflowId())))
          .append("\">")
          .append(esc(r.workflowId()))
          .append("</a></td><td>")
          .append(r.running() ? "\u25B6 " : "\u25A0 ")
          .append(esc(r.state()))
          .append("</td><td>")
          .append(time(r.startMillis()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    return b.toString();
  }

  /** One release's page. */
  String releasePage(
      String id,
      ReleaseStatus s,
      Map<String, RegionStatus> regionDetails,
      MetricSamples samples,
      Viewer viewer,
      long now) {
    return frame.page(
        "Release " + id,
        "/board/releases/" + urlPart(id) + "?part=live",
        viewer.who(),
        "<p><a href=\"/board\">All releases</a></p>"
            + "<div id=\"flash\" aria-live=\"polite\"></div>",
        releaseBody(id, s, regionDetails, samples, viewer, now));
  }

  /** The live part of a release's page, re-rendered at every refresh. */
  String releaseBody(
      String id,
      ReleaseStatus s,
      Map<String, RegionStatus> regionDetails,
      MetricSamples samples,
      Viewer viewer,
      long now) {
    boolean canAct = viewer.who().isPresent() && !s.phase().finished();
    String base = "/board/releases/" + urlPart(id);
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(esc(s.service())).append(" ").append(esc(s.version())).append("</h1>");
    b.append("<p class=\"summary\" data-phase=\"")
        .append(esc(s.phase().name()))
        .append("\">Release <code>")
        .append(esc(id))
        .append("</code>: <strong>")
        .append(esc(Words.of(s.phase())))
        .append(s.paused() ? ", paused" : "")
        .append("</strong>, requested by ")
        .append(esc(s.requestedBy()))
        .append(".</p>");
    waiting(b, s);
    if (canAct) {
      controls(b, s, base, viewer);
    }
    ReleaseView view = new ReleaseView(s, base, viewer, canAct, now);
    RegionTable.append(b, view);
    GateList.append(b, view);
    MetricCharts.append(b, id, s, samples);
    DecisionTimeline.append(b, s, regionDetails);
    return b.toString();
  }

  /** A small page saying how an action went, for a browser without script. */
  String resultPage(String backTo, boolean ok, String message) {
    return frame.page(
        ok ? "Done" : "Refused",
        null,
        Optional.empty(),
        message(ok, message) + "<p><a href=\"" + esc(backTo) + "\">Back to the release</a></p>",
        "");
  }

  /** An action's answer: done, or refused with the reason as the workflow gave it. */
  static String message(boolean ok, String message) {
    return ok
        ? "<p class=\"msg ok\" role=\"status\">\u2713 " + esc(message) + "</p>"
        : "<p class=\"msg refused\" role=\"alert\">\u2717 Refused: " + esc(message) + "</p>";
  }

  /** The controls of the whole release: pause or resume, and abort. */
  private static void controls(StringBuilder b, ReleaseStatus s, String base, Viewer viewer) {
    b.append("<section aria-labelledby=\"controls-h\"><h2 id=\"controls-h\">Controls</h2>");
    b.append("<div class=\"controls\">");
    if (s.paused()) {
      b.append(ActionForms.form(base + "/resume", viewer, "resume", "Resume", null, false));
    } else {
      b.append(ActionForms.form(base + "/pause", viewer, "pause", "Pause", null, false));
    }
    b.append(ActionForms.form(base + "/abort", viewer, "abort", "Abort release", null, true));
    b.append("</div></section>");
  }

  /** What a release waits for between regions or while it soaks, as its last such decision says. */
  private static void waiting(StringBuilder b, ReleaseStatus s) {
    if (s.phase() != ReleasePhase.DELAY && s.phase() != ReleasePhase.SOAKING) {
      return;
    }
    DecisionKind kind = s.phase() == ReleasePhase.DELAY ? DecisionKind.DELAY : DecisionKind.SOAK;
    for (int i = s.timeline().size() - 1; i >= 0; i--) {
      Decision d = s.timeline().get(i);
      if (d.kind() == kind) {
        b.append("<p class=\"waiting\">")
            .append(s.phase() == ReleasePhase.DELAY ? "Delay between regions: " : "Soak: ")
            .append(esc(d.what()))
            .append(d.why() == null ? "" : " (" + esc(d.why()) + ")")
            .append("</p>");
        return;
      }
    }
  }
}
