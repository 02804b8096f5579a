package io.glidepath.worker.board;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board, whatever serves it: takes a request (method, path, parameters, headers), answers with
 * a status and HTML. The worker serves it through Micronaut ({@link BoardController}), the demo
 * through the JDK's HTTP server ({@link BoardServer}).
 */
public final class Board {
  private static final Logger log = LoggerFactory.getLogger(Board.class);

  /** How many running releases the list shows the regions of. */
  static final int MAX_PROGRESS = 20;

  private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private static final Pattern WORKFLOW_ID = Pattern.compile("release-[a-z0-9][a-z0-9-]{0,100}");

  /** A request, as the server received it. */
  public record Request(
      String method, String path, Map<String, String> params, Function<String, String> headers) {}

  /** The answer: an HTTP status and an HTML page or fragment. */
  public record Response(int status, String html) {}

  private final Releases releases;
  private final MetricSamples samples;
  private final BoardView view;
  private final Csrf csrf;
  private final String devIdentity;
  private final LongSupplier clock;

  Board(
      Releases releases,
      MetricSamples samples,
      long refreshMillis,
      String csrfSecret,
      String devIdentity,
      LongSupplier clock) {
    this.releases = releases;
    this.samples = samples;
    this.view = new BoardView(refreshMillis);
    this.csrf = new Csrf(csrfSecret);
    this.devIdentity = devIdentity;
    this.clock = clock;
  }

  /** Answers one request for a path under {@code /board}. */
  public Response handle(Request r) {
    Optional<BoardIdentity> who = BoardIdentity.of(r.headers(), devIdentity);
    String path =
        r.path().endsWith("/") && r.path().length() > 1
            ? r.path().substring(0, r.path().length() - 1)
            : r.path();
    boolean live = "live".equals(r.params().get("part"));
    try {
      if (path.equals("/board")) {
        if (!r.method().equals("GET")) {
          return new Response(405, "method not allowed");
        }
        try {
          var rows = releases.list();
          var progress = progress(rows);
          return new Response(
              200,
              live
                  ? view.listBody(rows, progress, null)
                  : view.listPage(rows, progress, who, null));
        } catch (RuntimeException e) {
          log.warn("board: listing releases failed", e);
          String problem = "Temporal did not answer the list of releases: " + e.getMessage();
          return new Response(
              503,
              live
                  ? view.listBody(java.util.List.of(), Map.of(), problem)
                  : view.listPage(java.util.List.of(), Map.of(), who, problem));
        }
      }
      if (path.startsWith("/board/environments/")) {
        String service = path.substring("/board/environments/".length());
        if (!SERVICE.matcher(service).matches()) {
          return new Response(404, "not found");
        }
        if (!r.method().equals("GET")) {
          return new Response(405, "method not allowed");
        }
        var ledger = releases.environments(service);
        long now = clock.getAsLong();
        String body =
            EnvironmentsPage.body(
                ledger, io.glidepath.environment.EnvironmentsView.rows(ledger, now), now);
        return new Response(200, live ? body : view.environmentsPage(service, who, body));
      }
      if (!path.startsWith("/board/releases/")) {
        return new Response(404, "not found");
      }
      String[] parts = path.substring("/board/releases/".length()).split("/");
      String id = java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8);
      if (!WORKFLOW_ID.matcher(id).matches() || parts.length > 2) {
        return new Response(404, "not found");
      }
      if (parts.length == 1) {
        if (!r.method().equals("GET")) {
          return new Response(405, "method not allowed");
        }
        return release(id, who, live);
      }
      if (!r.method().equals("POST")) {
        return new Response(405, "method not allowed");
      }
      return action(id, parts[1], who, r);
    } catch (WorkflowNotFoundException e) {
      return new Response(404, BoardView.message(false, "no release " + r.path()));
    }
  }

  /** The regions and plans of the first running releases, for the list's progress bars. */
  private Map<String, BoardView.Progress> progress(java.util.List<BoardView.Row> rows) {
    Map<String, BoardView.Progress> out = new java.util.HashMap<>();
    for (BoardView.Row row : rows) {
      if (!row.running() || out.size() >= MAX_PROGRESS) {
        continue;
      }
      try {
        ReleaseStatus s = releases.status(row.workflowId());
        out.put(row.workflowId(), new BoardView.Progress(s, releases.spec(row.workflowId(), s)));
      } catch (RuntimeException e) {
        log.debug("board: no status of {} for the list", row.workflowId(), e);
      }
    }
    return out;
  }

  private Response release(String id, Optional<BoardIdentity> who, boolean live) {
    ReleaseStatus reported = releases.status(id);
    Map<String, RegionStatus> regions = releases.regions(id, reported);
    ReleaseStatus s = withRegions(reported, regions);
    samples.observe(id, s);
    ReleaseSpec spec = releases.spec(id, s);
    BoardView.Viewer viewer =
        new BoardView.Viewer(who, who.map(w -> csrf.token(w.identity())).orElse(""));
    long now = clock.getAsLong();
    return new Response(
        200,
        live
            ? view.releaseBody(id, s, regions, spec, samples, viewer, now)
            : view.releasePage(id, s, regions, spec, samples, viewer, now));
  }

  /**
   * The release's status with each started region as its own workflow reports it now: the release
   * hears of a region only when its phase, stage or weight changes, so its copy lacks the current
   * window and the region's own timeline.
   */
  static ReleaseStatus withRegions(ReleaseStatus s, Map<String, RegionStatus> own) {
    if (own.isEmpty()) {
      return s;
    }
    return s.withRegions(s.regions().stream().map(r -> own.getOrDefault(r.region(), r)).toList());
  }

  /**
   * Checks who acts and that the request comes from the board's own page, then sends the action.
   * Answers 403 without an identity or with a forged request, 400 for bad input, 409 when the
   * workflow refuses (its reason as it gave it), 200 when sent.
   */
  Response action(String id, String action, Optional<BoardIdentity> who, Request r) {
    boolean script = r.headers().apply("X-Requested-With") != null;
    String back = "/board/releases/" + Html.urlPart(id);
    if (who.isEmpty()) {
      return answer(
          script,
          back,
          403,
          false,
          "no authenticated user: the board takes who acts from"
              + " the authenticating proxy's X-Forwarded-User or X-Forwarded-Email header");
    }
    if (!Csrf.sameOrigin(
            r.headers().apply("Origin"), r.headers().apply("Referer"), r.headers().apply("Host"))
        || !csrf.valid(who.get().identity(), r.params().get("csrf"))) {
      return answer(
          script,
          back,
          403,
          false,
          "the request did not come from this board's page; reload it and try again");
    }
    BoardIdentity w = who.get();
    String reason = blankToNull(r.params().get("reason"));
    if (reason == null) {
      reason = action + " from the board";
    }
    Optional<String> bad =
        action.equals("approve")
            ? MessageLimits.commentProblem(blankToNull(r.params().get("comment")))
                .map(p -> "the comment " + p)
            : MessageLimits.reasonProblem(reason).map(p -> "the reason " + p);
    if (bad.isPresent()) {
      return answer(script, back, 400, false, bad.get());
    }
    Releases.Outcome o =
        switch (action) {
          case "approve" ->
              releases.approve(
                  id,
                  w,
                  blankToNull(r.params().get("gate")),
                  blankToNull(r.params().get("role")),
                  blankToNull(r.params().get("comment")));
          case "pause" -> releases.pause(id, w, reason);
          case "resume" -> releases.resume(id, w, reason);
          case "abort" -> releases.abort(id, w, reason);
          case "rollback" -> {
            String region = blankToNull(r.params().get("region"));
            yield region == null
                ? new Releases.Outcome(false, "say which region to roll back")
                : releases.rollback(id, w, region, reason);
          }
          default -> null;
        };
    if (o == null) {
      return new Response(404, "not found");
    }
    log.info(
        "board: {} on {} by {} ({}): {}",
        action,
        id,
        w.name(),
        w.identity(),
        o.ok() ? "sent" : "refused");
    return answer(script, back, o.ok() ? 200 : 409, o.ok(), o.message());
  }

  private Response answer(boolean script, String back, int status, boolean ok, String message) {
    return new Response(
        status, script ? BoardView.message(ok, message) : view.resultPage(back, ok, message));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
