package io.glidepath.cli;

import io.glidepath.model.Quantities;
import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glidepath release watch}: follows a release live until it ends. */
@Command(
    name = "watch",
    description =
        "Follow a release live, one line per region, until it ends; exit 0 when it"
            + " completed, 1 when it rolled back, failed or was aborted.")
final class WatchCommand extends OnRelease {
  @Option(names = "--every", defaultValue = "2s", description = "refresh interval")
  String every;

  @Override
  public Integer call() {
    return watch(temporal.launcher(), service, out(), Quantities.parseDuration(every));
  }

  /** Prints the status whenever it changes until the release ends; its exit code. */
  static int watch(ReleaseLauncher launcher, String service, PrintWriter out, Duration every) {
    ReleaseWorkflow release = launcher.release(service);
    String shown = "";
    ReleaseStatus s;
    boolean told = false;
    while (true) {
      if (!Workers.serverAnswers(launcher.client())) {
        return serverLost(out, "no answer within " + Workers.PROBE_SECONDS + " s");
      }
      try {
        s = release.status();
      } catch (WorkflowNotFoundException e) {
        if (shown.isEmpty()) {
          throw e;
        }
        // It was there a moment ago: the server lost its state.
        out.println(
            "release-"
                + service
                + " no longer exists on the Temporal server: the server lost its state (an"
                + " embedded server, --dev or dev-server, keeps releases in memory only and loses"
                + " them when it stops); nothing more can be followed");
        out.flush();
        return ExitCodes.UNREACHABLE;
      } catch (WorkflowQueryException | WorkflowServiceException e) {
        if (serverLost(e)) {
          return serverLost(out, e.getCause().getMessage());
        }
        if (!ExitCodes.noWorker(e)) {
          throw e;
        }
        // No worker answers queries right now (one is restarting): the release goes on in
        // Temporal meanwhile, so keep asking.
        if (!told) {
          out.println("no worker answers right now; waiting for one (the release is safe)");
          out.flush();
          told = true;
        }
        sleep(every);
        continue;
      }
      told = false;
      String view = StatusView.render(s);
      if (!view.equals(shown)) {
        out.print(view);
        out.println();
        out.flush();
        shown = view;
      }
      if (s.phase().finished()) {
        break;
      }
      sleep(every);
    }
    ReleaseResult result = launcher.result(service);
    out.println(result.summary());
    return ExitCodes.of(result.phase());
  }

  private static int serverLost(PrintWriter out, String why) {
    out.println(
        "the Temporal server does not answer ("
            + why
            + "): if it was an embedded server (--dev, dev-server), its releases are lost"
            + " with it; a real server keeps them, so watch again once it is back");
    out.flush();
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
