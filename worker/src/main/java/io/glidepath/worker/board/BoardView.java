package io.glidepath.worker.board;

import static io.glidepath.worker.board.Html.esc;

import io.glidepath.analysis.QueryVerdict;
import io.glidepath.status.Approval;
import io.glidepath.status.Decision;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board's HTML, rendered on the server. Every value that comes from a release (names, reasons,
 * comments, gate ids) is escaped. The page's live part is re-fetched by a few lines of script at
 * the refresh interval; actions are plain forms (usable by keyboard, and without script) that the
 * script sends in the background to show the answer in place.
 */
final class BoardView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  static final int MAX_TIMELINE = 150;

  /** One release in the list. */
  record Row(String workflowId, String state, boolean running, long startMillis) {}

  /** What a release page needs besides the status: who looks, and the metric samples. */
  record Viewer(Optional<BoardIdentity> who, String token) {}

  private final long refreshMillis;

  BoardView(long refreshMillis) {
    this.refreshMillis = refreshMillis;
  }

  /** The list of releases, running first, then the most recent. */
  String listPage(List<Row> rows, Optional<BoardIdentity> who, String problem) {
    return page("Releases", "/board?part=live", who, "", listBody(rows, problem));
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
    return page(
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

    // Controls of the whole release.
    if (canAct) {
      b.append("<section aria-labelledby=\"controls-h\"><h2 id=\"controls-h\">Controls</h2>");
      b.append("<div class=\"controls\">");
      if (s.paused()) {
        b.append(form(base + "/resume", viewer, "resume", "Resume", null, false));
      } else {
        b.append(form(base + "/pause", viewer, "pause", "Pause", null, false));
      }
      b.append(form(base + "/abort", viewer, "abort", "Abort release", null, true));
      b.append("</div></section>");
    }

    // Regions.
    b.append("<section aria-labelledby=\"regions-h\"><h2 id=\"regions-h\">Regions</h2>");
    b.append("<table class=\"regions\"><thead><tr>");
    for (String h :
        List.of("Region", "Phase", "Stage", "Weight", "Window ends in", "Gate", "Last verdict")) {
      b.append("<th scope=\"col\">").append(h).append("</th>");
    }
    if (canAct) {
      b.append("<th scope=\"col\">Action</th>");
    }
    b.append("</tr></thead><tbody>");
    for (RegionStatus r : s.regions()) {
      b.append("<tr data-region=\"").append(esc(r.region())).append("\">");
      b.append("<th scope=\"row\">").append(esc(r.region())).append("</th>");
      b.append("<td class=\"phase\">")
          .append(esc(Words.of(r.phase())))
          .append(r.paused() ? " (paused)" : "")
          .append(r.reason() == null ? "" : "<br><small>" + esc(r.reason()) + "</small>")
          .append("</td>");
      b.append("<td class=\"stage\">")
          .append(r.stage())
          .append('/')
          .append(r.stages())
          .append("</td>");
      b.append("<td class=\"weight\">").append(r.weight()).append("%</td>");
      b.append("<td>").append(countdown(r.windowEndMillis(), now)).append("</td>");
      b.append("<td>")
          .append(r.pendingGate() == null ? "-" : "<code>" + esc(r.pendingGate()) + "</code>")
          .append("</td>");
      b.append("<td>")
          .append(r.lastVerdict() == null ? "-" : esc(Chart.verdictWord(r.lastVerdict().verdict())))
          .append("</td>");
      if (canAct) {
        b.append("<td>");
        if (!r.phase().finished() && r.phase() != io.glidepath.status.RegionPhase.PENDING) {
          b.append(
              form(
                  base + "/rollback",
                  viewer,
                  "rollback-" + r.region(),
                  "Roll back " + r.region(),
                  Map.of("region", r.region()),
                  true));
        }
        b.append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></section>");

    // Open gates.
    b.append("<section aria-labelledby=\"gates-h\"><h2 id=\"gates-h\">Open gates</h2>");
    if (s.pendingApprovals().isEmpty()) {
      b.append("<p>No gate is open.</p>");
    }
    for (PendingApproval p : s.pendingApprovals()) {
      b.append("<div class=\"gate\" data-gate=\"").append(esc(p.gate())).append("\">");
      b.append("<h3>Gate <code>").append(esc(p.gate())).append("</code></h3>");
      b.append("<p>")
          .append(esc(p.description()))
          .append(". Opened ")
          .append(time(p.openedAtMillis()))
          .append("; times out in ")
          .append(countdown(p.deadlineMillis(), now))
          .append(".</p>");
      if (!p.approvals().isEmpty()) {
        b.append("<p>Approved by ");
        List<String> names = new ArrayList<>();
        for (Approval a : p.approvals()) {
          names.add(esc(a.approver()) + (a.role() == null ? "" : " (" + esc(a.role()) + ")"));
        }
        b.append(String.join(", ", names)).append(".</p>");
      }
      if (!p.missing().isEmpty()) {
        List<String> m = new ArrayList<>();
        p.missing().forEach((role, n) -> m.add(n + " " + esc(role)));
        b.append("<p>Still needs ").append(String.join(", ", m)).append(".</p>");
      }
      if (canAct) {
        b.append(approveForm(base, p, viewer));
      }
      b.append("</div>");
    }
    if (!canAct && !s.phase().finished()) {
      b.append("<p class=\"note\">Actions need a signed-in user: open the board through the")
          .append(" authenticating proxy.</p>");
    }
    b.append("</section>");

    // Charts.
    b.append("<section aria-labelledby=\"charts-h\"><h2 id=\"charts-h\">Checked metrics</h2>");
    boolean any = false;
    for (RegionStatus r : s.regions()) {
      if (r.lastVerdict() == null || r.lastVerdict().last().isEmpty()) {
        continue;
      }
      any = true;
      b.append("<div class=\"region-charts\" data-region=\"").append(esc(r.region())).append("\">");
      b.append("<h3>").append(esc(r.region())).append(" at ").append(r.weight()).append("%</h3>");
      b.append("<p>").append(esc(r.lastVerdict().reason())).append("</p>");
      int i = 0;
      for (QueryVerdict q : r.lastVerdict().last()) {
        long from = r.windowStartMillis();
        List<MetricSamples.Sample> points =
            from > 0 ? samples.since(id, r.region(), q.name(), from) : List.of();
        List<MetricSamples.Sample> stable =
            from > 0
                ? samples.since(id, r.region(), MetricSamples.stableSeries(q.name()), from)
                : List.<MetricSamples.Sample>of();
        b.append(
            Chart.render(
                "c-" + cssId(r.region()) + "-" + i++,
                q,
                points,
                stable,
                from,
                r.windowEndMillis()));
      }
      b.append("</div>");
    }
    if (!any) {
      b.append("<p>No check has finished yet.</p>");
    }
    b.append("</section>");

    // Timeline.
    b.append("<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Decisions</h2>");
    b.append(
        "<table class=\"timeline\"><caption>Newest first: who decided what, when and why</caption>");
    b.append("<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Where</th>");
    b.append("<th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Why</th>");
    b.append("</tr></thead><tbody>");
    for (Entry e : timeline(s, regionDetails)) {
      Decision d = e.decision();
      b.append("<tr><td>")
          .append(time(d.atMillis()))
          .append("</td><td>")
          .append(esc(e.where()))
          .append("</td><td>")
          .append(esc(d.who()))
          .append(
              d.identity() == null
                  ? ""
                  : "<br><small>as <span class=\"identity\">"
                      + esc(d.identity())
                      + "</span></small>")
          .append("</td><td>")
          .append(esc(d.what()))
          .append("</td><td>")
          .append(esc(d.why()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></section>");
    return b.toString();
  }

  /** A small page saying how an action went, for a browser without script. */
  String resultPage(String backTo, boolean ok, String message) {
    return page(
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

  private record Entry(String where, Decision decision) {}

  private static List<Entry> timeline(ReleaseStatus s, Map<String, RegionStatus> regionDetails) {
    List<Entry> all = new ArrayList<>();
    s.timeline().forEach(d -> all.add(new Entry("release", d)));
    for (RegionStatus r : s.regions()) {
      RegionStatus detailed = regionDetails.getOrDefault(r.region(), r);
      List<Decision> t = detailed.timeline().isEmpty() ? r.timeline() : detailed.timeline();
      t.forEach(d -> all.add(new Entry(r.region(), d)));
    }
    all.sort(Comparator.comparingLong((Entry e) -> e.decision().atMillis()).reversed());
    return all.size() > MAX_TIMELINE ? all.subList(0, MAX_TIMELINE) : all;
  }

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

  private String approveForm(String base, PendingApproval p, Viewer viewer) {
    String fid = "approve-" + cssId(p.gate());
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"act\" method=\"post\" action=\"")
        .append(esc(base + "/approve"))
        .append("\" aria-label=\"Approve gate ")
        .append(esc(p.gate()))
        .append("\">");
    hidden(b, "csrf", viewer.token());
    hidden(b, "gate", p.gate());
    List<String> roles =
        p.missing().keySet().stream().filter(r -> !r.equals("any")).sorted().toList();
    if (!roles.isEmpty()) {
      b.append("<label for=\"").append(fid).append("-role\">Role</label> ");
      b.append("<select name=\"role\" id=\"").append(fid).append("-role\">");
      for (String r : roles) {
        b.append("<option>").append(esc(r)).append("</option>");
      }
      b.append("</select> ");
    }
    b.append("<label for=\"").append(fid).append("-comment\">Comment</label> ");
    b.append("<input name=\"comment\" id=\"").append(fid).append("-comment\" maxlength=\"500\"> ");
    b.append("<button type=\"submit\" id=\"")
        .append(fid)
        .append("\">Approve ")
        .append(esc(p.gate()))
        .append(" as ")
        .append(esc(viewer.who().map(BoardIdentity::name).orElse("")))
        .append("</button></form>");
    return b.toString();
  }

  private String form(
      String action,
      Viewer viewer,
      String id,
      String label,
      Map<String, String> fields,
      boolean reasonRequired) {
    String fid = "act-" + cssId(id);
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"act\" method=\"post\" action=\"").append(esc(action)).append("\">");
    hidden(b, "csrf", viewer.token());
    if (fields != null) {
      fields.forEach((k, v) -> hidden(b, k, v));
    }
    b.append("<label for=\"")
        .append(fid)
        .append("-reason\">Reason")
        .append(reasonRequired ? " (required)" : "")
        .append("</label> ");
    b.append("<input name=\"reason\" id=\"")
        .append(fid)
        .append("-reason\" maxlength=\"500\"")
        .append(reasonRequired ? " required" : "")
        .append("> ");
    b.append("<button type=\"submit\" id=\"").append(fid).append("\">").append(esc(label));
    b.append("</button></form>");
    return b.toString();
  }

  private static void hidden(StringBuilder b, String name, String value) {
    b.append("<input type=\"hidden\" name=\"")
        .append(esc(name))
        .append("\" value=\"")
        .append(esc(value))
        .append("\">");
  }

  private static String countdown(long endMillis, long now) {
    if (endMillis <= 0) {
      return "-";
    }
    long left = Math.max(0, (endMillis - now) / 1000);
    return "<time class=\"countdown\" data-end=\""
        + endMillis
        + "\" datetime=\""
        + Instant.ofEpochMilli(endMillis)
        + "\">"
        + left
        + " s</time>";
  }

  private static String time(long millis) {
    return millis <= 0
        ? "-"
        : "<time datetime=\""
            + Instant.ofEpochMilli(millis)
            + "\">"
            + TIME.format(Instant.ofEpochMilli(millis))
            + "</time>";
  }

  static String cssId(String s) {
    return s == null ? "" : s.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  static String urlPart(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private String page(
      String title, String liveUrl, Optional<BoardIdentity> who, String fixed, String live) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    b.append("<title>").append(esc(title)).append(" - Glidepath board</title>");
    b.append("<style>").append(CSS).append("</style></head><body>");
    b.append("<header><a class=\"brand\" href=\"/board\">Glidepath board</a> <span class=\"who\">");
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

  private static final String CSS =
      "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}"
          + "header{background:#1d3557;color:#fff;padding:.6em 1em;display:flex;justify-content:space-between}"
          + "header a{color:#fff;font-weight:bold}main{padding:1em;max-width:72em}"
          + "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}"
          + "caption{text-align:left;font-style:italic}"
          + ".msg{padding:.5em;border:2px solid}.ok{border-color:#1a7f37}.refused{border-color:#b42318;background:#fff1f0}"
          + ".controls{display:flex;gap:1em;flex-wrap:wrap}form.act{margin:.3em 0}"
          + "button{font:inherit;padding:.3em .8em}button:focus,input:focus,select:focus,a:focus{outline:3px solid #f4a261;outline-offset:2px}"
          + ".gate{border:2px dashed #1d3557;padding:.5em;margin:.5em 0}"
          + "figure.chart{display:inline-block;margin:.5em;vertical-align:top;max-width:380px}"
          + "svg .bg{fill:#fff;stroke:#999}svg .limit{stroke:#b42318;stroke-width:2}"
          + "svg .limit-label{fill:#b42318;font-size:11px}svg .axis{fill:#555;font-size:10px}"
          + "svg polyline.series{stroke:#1d3557;stroke-width:2}svg circle.series{fill:#1d3557}"
          + "svg polyline.stable{stroke:#6a4c93;stroke-width:2}"
          + ".v-fail{font-weight:bold;text-decoration:underline}"
          + "tr.running td:first-child{font-weight:bold}";

  private static final String SCRIPT =
      """
      (function(){
        var live=document.getElementById('live');
        function tick(){document.querySelectorAll('time.countdown').forEach(function(t){
          var s=Math.max(0,Math.round((+t.dataset.end-Date.now())/1000));t.textContent=s+' s';});}
        function busy(){var a=document.activeElement;
          return a&&live.contains(a)&&(a.tagName==='INPUT'||a.tagName==='SELECT')&&a.value;}
        function refresh(){
          if(!live||busy())return Promise.resolve();
          return fetch(live.dataset.live,{headers:{'X-Requested-With':'board'}}).then(function(r){
            return r.ok?r.text():null;}).then(function(html){
            if(html===null)return;
            var focused=document.activeElement&&document.activeElement.id;
            var typed={};live.querySelectorAll('input[id],select[id]').forEach(function(i){
              if(i.type!=='hidden'&&i.value)typed[i.id]=i.value;});
            live.innerHTML=html;
            Object.keys(typed).forEach(function(k){var i=document.getElementById(k);
              if(i)i.value=typed[k];});
            if(focused){var e=document.getElementById(focused);if(e)e.focus();}
            tick();}).catch(function(){});}
        document.addEventListener('submit',function(ev){
          var f=ev.target;if(!f.classList||!f.classList.contains('act'))return;
          ev.preventDefault();
          fetch(f.action,{method:'POST',headers:{'X-Requested-With':'board',
            'Content-Type':'application/x-www-form-urlencoded'},
            body:new URLSearchParams(new FormData(f)).toString()}).then(function(r){return r.text();})
            .then(function(html){var fl=document.getElementById('flash');if(fl)fl.innerHTML=html;
              if(f.reset)f.reset();return refresh();});
        });
        if(live){setInterval(refresh,+live.dataset.refresh||1000);}
        setInterval(tick,1000);
      })();
      """;
}
