package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;
import static io.glidepath.worker.board.Html.time;
import static io.glidepath.worker.board.Html.urlPart;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board's HTML, rendered on the server. Every value that comes from a release (names, reasons,
 * comments, gate ids) is escaped. A release's page is its summary and what needs attention, its
 * {@link RegionCards} (each region's plan, {@link RegionPlan}) beside its {@link GateList} and
 * controls, then {@link MetricCharts} and the {@link DecisionTimeline}, all inside the {@link
 * PageFrame}; actions are plain {@link ActionForms}.
 */
final class BoardView {
  /** One release in the list. */
  record Row(String workflowId, String state, boolean running, long startMillis) {}

  /** A running release's regions and plan, for its progress bars in the list. */
  record Progress(ReleaseStatus status, ReleaseSpec spec) {}

  /** What a release page needs besides the status: who looks, and the metric samples. */
  record Viewer(Optional<BoardIdentity> who, String token) {}

  /**
   * One rendering of a release's live part, as its sections need it: the release at {@code base},
   * whether the viewer may act on it, and the time countdowns count from.
   */
  record ReleaseView(
      ReleaseStatus status,
      ReleaseSpec spec,
      String base,
      Viewer viewer,
      boolean canAct,
      long now) {}

  private final PageFrame frame;

  BoardView(long refreshMillis) {
    this.frame = new PageFrame(refreshMillis);
  }

  /** The list of releases, running first, then the most recent. */
  String listPage(
      List<Row> rows, Map<String, Progress> progress, Optional<BoardIdentity> who, String problem) {
    return frame.page("Releases", "/board?part=live", who, "", listBody(rows, progress, problem));
  }

  /** One service's environments page; {@code body} is {@link EnvironmentsPage#body}. */
  String environmentsPage(String service, Optional<BoardIdentity> who, String body) {
    return frame.page(
        service + " environments", "/board/environments/" + service + "?part=live", who, "", body);
  }

  String listBody(List<Row> rows, Map<String, Progress> progress, String problem) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Releases</h1>");
    if (problem != null) {
      b.append("<p class=\"msg refused\" role=\"alert\">").append(esc(problem)).append("</p>");
    }
    if (rows.isEmpty()) {
      b.append("<p class=\"card\">No releases yet.</p>");
      return b.toString();
    }
    b.append("<div class=\"card scroll\"><table class=\"releases\">");
    b.append("<caption>Running first, then the most recent</caption>");
    b.append("<thead><tr><th scope=\"col\">Release</th><th scope=\"col\">State</th>");
    b.append("<th scope=\"col\">Regions</th><th scope=\"col\">Started</th></tr></thead><tbody>");
    for (Row r : rows) {
      b.append("<tr class=\"").append(r.running() ? "running" : "closed").append("\"><td>");
      b.append("<a href=\"/board/releases/")
          .append(esc(urlPart(r.workflowId())))
          .append("\">")
          .append(esc(r.workflowId()))
          .append("</a></td><td><span class=\"badge ")
          .append(r.running() ? "s-now\">\u25B6 " : "s-wait\">\u25A0 ")
          .append(esc(r.state()))
          .append("</span></td><td>");
      Progress p = progress.get(r.workflowId());
      if (p != null) {
        b.append("<div class=\"bars\">");
        for (RegionStatus region : p.status().regions()) {
          RegionPlan.bar(b, RegionPlan.steps(p.spec(), region), region);
        }
        b.append("</div>");
      } else {
        b.append("<span class=\"muted\">").append(r.running() ? "-" : "finished").append("</span>");
      }
      b.append("</td><td>").append(time(r.startMillis())).append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    return b.toString();
  }

  /** One release's page. */
  String releasePage(
      String id,
      ReleaseStatus s,
      Map<String, RegionStatus> regionDetails,
      ReleaseSpec spec,
      MetricSamples samples,
      Viewer viewer,
      long now) {
    return frame.page(
        "Release " + id,
        "/board/releases/" + urlPart(id) + "?part=live",
        viewer.who(),
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/board\">All releases</a></nav>"
            + "<div id=\"flash\" aria-live=\"polite\"></div>",
        releaseBody(id, s, regionDetails, spec, samples, viewer, now));
  }

  /**
   * The live part of a release's page, re-rendered at every refresh: the title and what needs
   * attention, then the regions' plans and the charts beside the open gates and the controls, and
   * the decisions.
   */
  String releaseBody(
      String id,
      ReleaseStatus s,
      Map<String, RegionStatus> regionDetails,
      ReleaseSpec spec,
      MetricSamples samples,
      Viewer viewer,
      long now) {
    boolean canAct = viewer.who().isPresent() && !s.phase().finished();
    String base = "/board/releases/" + urlPart(id);
    StringBuilder b = new StringBuilder();
    b.append("<div class=\"titlebar\"><h1>").append(esc(s.subject())).append("</h1>");
    b.append("<p class=\"summary\" data-phase=\"")
        .append(esc(s.phase().name()))
        .append("\">")
        .append(releaseBadge(s))
        .append(" <span class=\"muted\">Release <code>")
        .append(esc(id))
        .append("</code>, requested by ")
        .append(esc(s.requestedBy()))
        .append("</span></p></div>");
    b.append("<p class=\"sr-only\" role=\"status\">").append(esc(spoken(s))).append("</p>");
    attention(b, s);
    waiting(b, s);
    ReleaseView view = new ReleaseView(s, spec, base, viewer, canAct, now);
    b.append("<div class=\"layout\"><div class=\"main\">");
    RegionCards.append(b, view);
    MetricCharts.append(b, id, s, samples);
    b.append("</div><div class=\"side\">");
    GateList.append(b, view);
    if (canAct) {
      controls(b, s, base, viewer);
    }
    b.append("</div></div>");
    DecisionTimeline.append(b, s, regionDetails);
    return b.toString();
  }

  private static String releaseBadge(ReleaseStatus s) {
    String css =
        switch (s.phase()) {
          case COMPLETED -> "s-done\">\u2713 ";
          case FAILED, ABORTED -> "s-bad\">\u2717 ";
          default -> s.paused() ? "s-gate\">\u2016 " : "s-now\">\u25B6 ";
        };
    return "<span class=\"badge "
        + css
        + esc(Words.of(s.phase()))
        + (s.paused() ? ", paused" : "")
        + "</span>";
  }

  /** The release in one sentence for a screen reader, announced when it changes. */
  private static String spoken(ReleaseStatus s) {
    StringBuilder t = new StringBuilder(s.subject() + ": " + Words.of(s.phase()));
    for (RegionStatus r : s.regions()) {
      t.append("; ").append(r.region()).append(' ').append(Words.of(r.phase()));
    }
    return t.toString();
  }

  /** A banner for what needs someone now: open gates (linked) and failing regions. */
  private static void attention(StringBuilder b, ReleaseStatus s) {
    for (PendingApproval p : s.pendingApprovals()) {
      b.append("<div class=\"attention\"><p><strong>\u25C6 Waiting for approval:</strong> ")
          .append("<a href=\"#gate-")
          .append(Html.cssId(p.gate()))
          .append("\">")
          .append(esc(p.description()))
          .append(" (gate <code>")
          .append(esc(p.gate()))
          .append("</code>)</a></p></div>");
    }
    for (RegionStatus r : s.regions()) {
      if (r.phase() == RegionPhase.ROLLING_BACK
          || r.phase() == RegionPhase.ROLLED_BACK
          || r.phase() == RegionPhase.FAILED) {
        b.append("<div class=\"attention bad\"><p><strong>\u2717 ")
            .append("<a href=\"#region-")
            .append(Html.cssId(r.region()))
            .append("\">")
            .append(esc(r.region()))
            .append("</a> ")
            .append(esc(Words.of(r.phase())))
            .append("</strong>")
            .append(r.reason() == null ? "" : ": " + esc(r.reason()))
            .append("</p></div>");
      }
    }
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
    b.append("<section class=\"block\" aria-labelledby=\"controls-h\">");
    b.append("<h2 id=\"controls-h\">Controls</h2><div class=\"card controls\">");
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
        b.append("<p class=\"waiting card\">")
            .append(s.phase() == ReleasePhase.DELAY ? "Delay between regions: " : "Soak: ")
            .append(esc(d.what()))
            .append(d.why() == null ? "" : " (" + esc(d.why()) + ")")
            .append("</p>");
        return;
      }
    }
  }
}
