package io.glidepath.cli.release;

import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.TemporalOptions;
import io.glidepath.cli.common.Workers;
import io.glidepath.cli.view.LiveRegions;
import io.glidepath.cli.view.WatchDisplay;
import io.glidepath.cli.view.WatchView;
import io.glidepath.client.ReleaseLauncher;
import io.glidepath.model.Quantities;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath release watch}: follows a release live until it ends. */
@Command(
    name = "watch",
    description =
        "Follow a release live until it ends: on a terminal one block redrawn in place, in a log"
            + " one timestamped line per change; exit 0 when it completed, 1 when it rolled back,"
            + " failed or was aborted.")
final class WatchCommand extends OnRelease {
  @Option(names = "--every", defaultValue = "2s", description = "how often to ask the release")
  String every;

  @Option(
      names = "--tty",
      defaultValue = "auto",
      description =
          "auto, always or never: redraw one block in place (a terminal) instead of logging"
              + " timestamped lines (default ${DEFAULT-VALUE}: when a console is attached)")
  WatchDisplay.Tty tty;

  @Option(
      names = "--heartbeat",
      defaultValue = "1m",
      description = "in a log, a line saying where the release is after this long without a change")
  String heartbeat;

  @Override
  public Integer call() {
    state(); // no such release: bad input, said once
    return watch(
        temporal,
        service,
        out(),
        Quantities.parseDuration(every),
        tty,
        Quantities.parseDuration(heartbeat));
  }

  /**
   * Shows the release until it ends, on the display {@code tty} asks for, and returns the exit code
   * of its end.
   */
  static int watch(
      TemporalOptions temporal,
      String service,
      PrintWriter out,
      Duration every,
      WatchDisplay.Tty tty,
      Duration heartbeat) {
    WatchView view = view(temporal.client(), service, System.getenv());
    WatchDisplay display =
        WatchDisplay.of(tty, out, view, heartbeat.isZero() ? Duration.ofMinutes(1) : heartbeat);
    try {
      return watch(temporal.client(), service, display, every);
    } finally {
      display.close();
    }
  }

  /**
   * What the view needs from the release's start event: when it started, and its delay and soak for
   * their countdowns.
   */
  static WatchView view(WorkflowClient client, String service, Map<String, String> env) {
    var started = client.streamHistory(ReleaseSpec.releaseWorkflowId(service)).findFirst();
    long at =
        started
            .map(
                e -> e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000)
            .orElse(0L);
    ReleaseSpec spec = request(client, ReleaseSpec.releaseWorkflowId(service), null).spec();
    return new WatchView(at, spec.rollout().delay(), spec.soak(), WatchView.colourWanted(env));
  }

  /** Shows the status on every poll and every second between until the release ends. */
  static int watch(WorkflowClient client, String service, WatchDisplay display, Duration every) {
    ReleaseLauncher launcher = new ReleaseLauncher(client);
    ReleaseWorkflow release = launcher.release(service);
    ReleaseStatus last = null;
    long nextPoll = 0;
    boolean told = false;
    while (true) {
      long now = System.currentTimeMillis();
      if (now < nextPoll) {
        if (last != null && !told) {
          display.show(last, now); // countdowns move between polls
        }
        sleep(Duration.ofMillis(Math.min(1000, nextPoll - now)));
        continue;
      }
      nextPoll = now + every.toMillis();
      // The SDK retries an unreachable server for a minute; ask it directly first.
      if (!Workers.serverAnswers(client)) {
        return serverLost(display, "no answer within " + Workers.PROBE_SECONDS + " s", now);
      }
      ReleaseStatus s;
      String workflowId = ReleaseSpec.releaseWorkflowId(service);
      try {
        // Asked first, so that a release no worker answers for is said within seconds.
        Workers.Liveness worker =
            Workers.liveness(client, client.getOptions().getNamespace(), workflowId);
        if (!worker.answers()) {
          if (!told) {
            display.line(
                worker.why()
                    + "; waiting for one (the release is safe in Temporal). "
                    + LastRecorded.of(client, client.getOptions().getNamespace(), workflowId),
                now);
            told = true;
          }
          continue;
        }
        s =
            Workers.within(
                OnRelease.QUERY_SECONDS,
                release::status,
                () ->
                    new WorkflowServiceException(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(workflowId)
                            .build(),
                        "ReleaseWorkflow",
                        new io.grpc.StatusRuntimeException(io.grpc.Status.DEADLINE_EXCEEDED)));
      } catch (WorkflowNotFoundException e) {
        if (last == null) {
          throw e;
        }
        // It was there a moment ago: the server lost its state.
        display.line(
            "release-"
                + service
                + " no longer exists on the Temporal server: the server lost its state (an"
                + " embedded server, --dev or dev-server, keeps releases in memory only and loses"
                + " them when it stops); nothing more can be followed",
            now);
        return ExitCodes.UNREACHABLE;
      } catch (WorkflowQueryException | WorkflowServiceException e) {
        if (serverLost(e)) {
          return serverLost(display, e.getCause().getMessage(), now);
        }
        // The SDK retries a server that went away while it asked, so the query timed out instead:
        // one direct call tells a lost server from a silent worker.
        if (!Workers.serverAnswers(client)) {
          return serverLost(display, "it stopped answering while watch asked", now);
        }
        if (!ExitCodes.noWorker(e)) {
          throw e;
        }
        // No worker answers queries right now (one is restarting): the release goes on in
        // Temporal meanwhile, so keep asking.
        if (!told) {
          display.line(
              "no worker is polling the "
                  + ReleaseLauncher.TASK_QUEUE
                  + " task queue: none answers right now; waiting for one (the release is safe"
                  + " in Temporal). "
                  + LastRecorded.of(client, client.getOptions().getNamespace(), workflowId),
              now);
          told = true;
        }
        continue;
      }
      told = false;
      s = LiveRegions.of(client, s);
      last = s;
      display.show(s, now);
      if (s.phase().finished()) {
        break;
      }
    }
    ReleaseResult result = launcher.result(service);
    display.line(result.summary(), System.currentTimeMillis());
    return ExitCodes.of(result.phase());
  }

  private static int serverLost(WatchDisplay display, String why, long now) {
    display.line(
        "the Temporal server does not answer ("
            + why
            + "): if it was an embedded server (--dev, dev-server), its releases are lost"
            + " with it; a real server keeps them, so watch again once it is back",
        now);
    return ExitCodes.UNREACHABLE;
  }

  /** Whether the server itself is gone (connection refused or reset), not just a worker. */
  private static boolean serverLost(Exception e) {
    return e.getCause() instanceof io.grpc.StatusRuntimeException x
        && x.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
