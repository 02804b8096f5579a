package io.glidepath.cli;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glidepath release ...}: start, watch and steer releases. */
@Command(
    name = "release",
    description = "Start, watch and steer releases.",
    subcommands = {
      ValidateCommand.class,
      ReleaseCommand.Start.class,
      ReleaseCommand.Status.class,
      ReleaseCommand.Watch.class,
      ReleaseCommand.ListReleases.class,
      ReleaseCommand.Approve.class,
      ReleaseCommand.Abort.class,
      ReleaseCommand.Pause.class,
      ReleaseCommand.Resume.class,
      ReleaseCommand.Rollback.class,
      ReleaseCommand.History.class
    })
final class ReleaseCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every command that talks to Temporal shares. */
  abstract static class Connected implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec cli;
    @Mixin TemporalOptions temporal;

    PrintWriter out() {
      return cli.commandLine().getOut();
    }

    void print(String text) {
      out().print(text);
      out().flush();
    }
  }

  /** Commands on one service's release. */
  abstract static class OnRelease extends Connected {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "the service released")
    String service;

    ReleaseWorkflow release() {
      return temporal.launcher().release(service);
    }
  }

  /** Commands that record who did what and why. */
  abstract static class Steering extends OnRelease {
    @Option(
        names = "--by",
        defaultValue = "${sys:user.name}",
        description = "who does this (default: your user name)")
    String by;

    @Option(names = "--reason", required = true, description = "why, for the timeline")
    String reason;
  }

  @Command(name = "start", description = "Validate a spec and start its release.")
  static final class Start extends Connected {
    @Option(
        names = {"-f", "--file"},
        required = true,
        description = "the release spec (YAML)")
    Path file;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "who starts it")
    String by;

    @Option(names = "--watch", description = "watch it until it ends (exit 0 completed, 1 not)")
    boolean watch;

    @Option(names = "--version", description = "override the version (and the image's tag)")
    String version;

    @Option(names = "--image", description = "override the image")
    String image;

    @Option(names = "--regions", description = "release only these regions (comma list, or all)")
    String regions;

    @Option(names = "--mode", description = "override rollout.mode: sequential, delayed, parallel")
    String mode;

    @Option(names = "--delay", description = "override rollout.delay, e.g. 90m")
    String delay;

    @Override
    public Integer call() throws Exception {
      ReleaseSpec s = new SpecOverrides(version, image, regions, mode, delay).load(file);
      temporal.launcher().start(s, by);
      out()
          .printf(
              "started %s: %s %s to %s%n",
              s.releaseWorkflowId(),
              s.service(),
              s.version(),
              s.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", ")));
      if (!watch) {
        out().printf("watch it: glidepath release watch %s%n", s.service());
        return 0;
      }
      return Watch.watch(temporal.launcher(), s.service(), out(), Duration.ofSeconds(2));
    }
  }

  @Command(name = "status", description = "Show a release: phase, regions, pending approvals.")
  static final class Status extends OnRelease {
    @Override
    public Integer call() {
      print(StatusView.render(release().status()));
      return 0;
    }
  }

  @Command(
      name = "watch",
      description =
          "Follow a release live, one line per region, until it ends; exit 0 when it"
              + " completed, 1 when it rolled back, failed or was aborted.")
  static final class Watch extends OnRelease {
    @Option(names = "--every", defaultValue = "2s", description = "refresh interval")
    String every;

    @Override
    public Integer call() {
      return watch(
          temporal.launcher(), service, out(), io.glidepath.model.Quantities.parseDuration(every));
    }

    static int watch(ReleaseLauncher launcher, String service, PrintWriter out, Duration every) {
      ReleaseWorkflow release = launcher.release(service);
      String shown = "";
      ReleaseStatus s;
      boolean told = false;
      while (true) {
        try {
          s = release.status();
        } catch (WorkflowQueryException | WorkflowServiceException e) {
          if (!GlidepathCommand.noWorker(e)) {
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
      return result.phase() == ReleasePhase.COMPLETED ? 0 : 1;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  @Command(name = "list", description = "List releases, running first.")
  static final class ListReleases extends Connected {
    @Option(names = "--service", description = "only this service's releases")
    String service;

    @Option(names = "--phase", description = "only releases in this phase, e.g. rolling-out")
    String phase;

    @Option(names = "--author", description = "only releases this person started")
    String author;

    @Override
    public Integer call() {
      WorkflowClient client = temporal.client();
      ReleaseFilter filter = ReleaseFilter.of(service, phase, author);
      List<String> lines = new ArrayList<>();
      try {
        client
            .listExecutions(filter.query())
            .forEach(m -> lines.add(line(m.getWorkflowExecutionInfo())));
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
          throw e;
        }
        lines.addAll(withoutVisibility(client, filter));
      }
      if (lines.isEmpty()) {
        out().println("no releases");
      }
      lines.forEach(out()::println);
      return 0;
    }

    /** One release: its workflow id, its state and when it started. */
    private static String line(WorkflowExecutionInfo i) {
      return String.format(
          "%-32s %-10s started %s",
          i.getExecution().getWorkflowId(),
          Words.of(i.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "")),
          java.time.Instant.ofEpochSecond(
              i.getStartTime().getSeconds(), i.getStartTime().getNanos()));
    }

    /** The embedded test server has no visibility queries; its open and closed lists work. */
    private List<String> withoutVisibility(WorkflowClient client, ReleaseFilter filter) {
      var stub = client.getWorkflowServiceStubs().blockingStub();
      String ns = temporal.namespace;
      List<WorkflowExecutionInfo> infos = new ArrayList<>();
      infos.addAll(
          stub.listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(ns).build())
              .getExecutionsList());
      infos.addAll(
          stub.listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(ns).build())
              .getExecutionsList());
      List<String> lines = new ArrayList<>();
      for (WorkflowExecutionInfo i : infos) {
        if (i.getType().getName().equals("ReleaseWorkflow") && filter.matches(i)) {
          lines.add(line(i));
        }
      }
      return lines;
    }
  }

  @Command(name = "approve", description = "Approve an open gate of a release.")
  static final class Approve extends OnRelease {
    @Option(names = "--gate", required = true, description = "the gate, as status shows it")
    String gate;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "the approver")
    String by;

    @Option(names = "--role", description = "the role you approve as")
    String role;

    @Option(names = "--comment", description = "a note for the timeline")
    String comment;

    @Override
    public Integer call() {
      PendingApproval after = release().approve(new Approval(gate, by, role, comment));
      out()
          .println(
              after.missing().isEmpty()
                  ? "approved " + gate + ": the gate is open"
                  : "approval recorded for " + gate + "; still missing " + after.missing());
      return 0;
    }
  }

  @Command(name = "abort", description = "Abort a release: every region goes back to stable.")
  static final class Abort extends Steering {
    @Override
    public Integer call() {
      release().abort(new Control(by, reason, null));
      out()
          .printf(
              "abort sent to release-%s; watch it roll back: glidepath release watch %s%n",
              service, service);
      return 0;
    }
  }

  @Command(name = "pause", description = "Hold a release: no new stage or region starts.")
  static final class Pause extends Steering {
    @Override
    public Integer call() {
      release().pause(new Control(by, reason, null));
      out().printf("pause sent to release-%s%n", service);
      return 0;
    }
  }

  @Command(name = "resume", description = "Let a paused or holding release go on.")
  static final class Resume extends Steering {
    @Override
    public Integer call() {
      release().resume(new Control(by, reason, null));
      out().printf("resume sent to release-%s%n", service);
      return 0;
    }
  }

  @Command(name = "rollback", description = "Roll one running region back to stable now.")
  static final class Rollback extends Steering {
    @Option(names = "--region", required = true, description = "the region to roll back")
    String region;

    @Override
    public Integer call() {
      out().println(release().rollbackRegion(new Control(by, reason, region)));
      return 0;
    }
  }

  @Command(name = "history", description = "The timeline of a release and of each region.")
  static final class History extends OnRelease {
    @Override
    public Integer call() {
      ReleaseStatus s = release().status();
      print(StatusView.timeline(s.timeline(), "release"));
      WorkflowClient client = temporal.client();
      for (RegionStatus r : s.regions()) {
        if (r.phase() == io.glidepath.status.RegionPhase.PENDING) {
          continue;
        }
        var region =
            client.newWorkflowStub(
                RegionRolloutWorkflow.class, ReleaseSpec.regionWorkflowId(s.service(), r.region()));
        print(StatusView.timeline(region.status().timeline(), r.region()));
      }
      return 0;
    }
  }
}
