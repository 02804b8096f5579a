package io.glidepath.cli;

import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.release.ReleaseLauncher;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.Identities;
import io.glidepath.status.MessageLimits;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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

    String workflowId() {
      return ReleaseSpec.releaseWorkflowId(service);
    }

    /** The release's current state; a release that never existed is bad input. */
    WorkflowExecutionStatus state() {
      try {
        return temporal
            .client()
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(Workers.PROBE_SECONDS, TimeUnit.SECONDS)
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.namespace)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId()))
                    .build())
            .getWorkflowExecutionInfo()
            .getStatus();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
          throw new IllegalArgumentException(
              "no release of "
                  + service
                  + " ("
                  + workflowId()
                  + " does not exist); see glidepath release list");
        }
        throw e;
      }
    }

    /** Refuses, changing nothing, unless the release is running. */
    void requireRunning(String what) {
      WorkflowExecutionStatus state = state();
      if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new IllegalArgumentException(
            workflowId()
                + " already ended ("
                + Words.of(state.name().replace("WORKFLOW_EXECUTION_STATUS_", ""))
                + "); "
                + what
                + " was not sent");
      }
    }

    /** Throws {@link Workers.NoWorkerException} saying {@code consequence} if no worker polls. */
    void requireWorker(String consequence) {
      if (!Workers.polling(temporal.client(), temporal.namespace, workflowId())) {
        throw new Workers.NoWorkerException(workflowId(), consequence);
      }
    }

    /** The spec the release runs, from its start event: known without a worker. */
    ReleaseSpec runningSpec() {
      WorkflowClient client = temporal.client();
      var input =
          client
              .streamHistory(workflowId())
              .findFirst()
              .orElseThrow()
              .getWorkflowExecutionStartedEventAttributes()
              .getInput();
      return client
          .getOptions()
          .getDataConverter()
          .fromPayloads(0, Optional.of(input), ReleaseRequest.class, ReleaseRequest.class)
          .spec();
    }

    /** Refuses a region the release does not have. */
    static void requireRegion(ReleaseSpec spec, String option, String region) {
      if (spec.region(region) == null) {
        throw new IllegalArgumentException(
            option
                + ": release-"
                + spec.service()
                + " has no region "
                + region
                + "; its regions are "
                + spec.regions().stream().map(RegionSpec::name).collect(Collectors.joining(", ")));
      }
    }
  }

  /** Commands that record who did what and why. */
  abstract static class Steering extends OnRelease {
    @Option(
        names = "--by",
        defaultValue = "${sys:user.name}",
        description = "who does this (default: your user name)")
    String by;

    @Option(
        names = "--reason",
        required = true,
        description = "why, for the timeline (at most " + MessageLimits.MAX_REASON + " characters)")
    String reason;

    /** The checked control: bad arguments and finished releases are refused before sending. */
    Control control(String what, String region) {
      Control c = new Control(Inputs.identity("--by", by), Inputs.reason(reason), region);
      requireRunning(what);
      return c;
    }

    /**
     * Sends a signal; without a worker it is still recorded in the release's history, and the
     * command says it takes effect when a worker starts.
     */
    Integer signal(String what, Runnable send, String done) {
      boolean worker = Workers.polling(temporal.client(), temporal.namespace, workflowId());
      send.run();
      out().println(done);
      if (!worker) {
        out()
            .println(
                "note: no worker is polling the "
                    + ReleaseLauncher.TASK_QUEUE
                    + " task queue; the "
                    + what
                    + " is recorded in "
                    + workflowId()
                    + "'s history and takes effect as soon as a worker starts");
      }
      return 0;
    }
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
      by = Inputs.identity("--by", by);
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
      state();
      requireWorker("status needs one to answer (the release itself is safe in Temporal)");
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

    @Option(
        names = "--role",
        description =
            "the role you approve as (default: your only role, when the release's approver list"
                + " gives you exactly one)")
    String role;

    @Option(
        names = "--comment",
        description =
            "a note for the timeline (at most " + MessageLimits.MAX_COMMENT + " characters)")
    String comment;

    @Override
    public Integer call() {
      String approver = Inputs.identity("--by", by);
      String note = Inputs.comment(comment);
      requireRunning("the approval");
      ReleaseSpec spec = runningSpec();
      requireGate(spec, gate);
      if (role == null) {
        List<String> roles =
            spec.approval().approvers().entrySet().stream()
                .filter(e -> Identities.same(e.getKey(), approver))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(List.of());
        if (roles.size() == 1) {
          role = roles.get(0);
        }
      }
      requireWorker("the approval was not sent (an approval is checked by the worker)");
      PendingApproval after = release().approve(new Approval(gate, approver, role, note));
      out()
          .println(
              after.missing().isEmpty()
                  ? "approved " + gate + ": the gate is open"
                  : "approval recorded for " + gate + "; still missing " + after.missing());
      return 0;
    }
  }

  /**
   * Refuses a gate that cannot exist in {@code spec}: not {@code release}, {@code region:<region>}
   * or {@code stage:<region>:<n>}, or naming a region or stage it does not have.
   */
  static void requireGate(ReleaseSpec spec, String gate) {
    String[] parts = gate.split(":", -1);
    boolean known =
        switch (parts[0]) {
          case "release", "go-live" -> parts.length == 1;
          case "region" -> parts.length == 2;
          case "stage" -> parts.length == 3 && parts[2].matches("[1-9]\\d{0,2}");
          default -> false;
        };
    if (!known) {
      throw new IllegalArgumentException(
          "--gate: no gate is called that; gates are release, region:<region> and"
              + " stage:<region>:<n>, as glidepath release status shows them");
    }
    if (parts.length > 1) {
      OnRelease.requireRegion(spec, "--gate", parts[1]);
    }
    if (parts.length == 3 && Integer.parseInt(parts[2]) > spec.strategy().stageCount()) {
      throw new IllegalArgumentException(
          "--gate: release-"
              + spec.service()
              + " has "
              + spec.strategy().stageCount()
              + " stages; there is no stage "
              + parts[2]);
    }
  }

  @Command(name = "abort", description = "Abort a release: every region goes back to stable.")
  static final class Abort extends Steering {
    @Override
    public Integer call() {
      Control c = control("the abort", null);
      return signal(
          "abort",
          () -> release().abort(c),
          String.format(
              "abort sent to release-%s; watch it roll back: glidepath release watch %s",
              service, service));
    }
  }

  @Command(name = "pause", description = "Hold a release: no new stage or region starts.")
  static final class Pause extends Steering {
    @Override
    public Integer call() {
      Control c = control("the pause", null);
      return signal("pause", () -> release().pause(c), "pause sent to release-" + service);
    }
  }

  @Command(name = "resume", description = "Let a paused or holding release go on.")
  static final class Resume extends Steering {
    @Override
    public Integer call() {
      Control c = control("the resume", null);
      return signal("resume", () -> release().resume(c), "resume sent to release-" + service);
    }
  }

  @Command(name = "rollback", description = "Roll one running region back to stable now.")
  static final class Rollback extends Steering {
    @Option(names = "--region", required = true, description = "the region to roll back")
    String region;

    @Override
    public Integer call() {
      Control c = control("the rollback", region);
      requireRegion(runningSpec(), "--region", region);
      requireWorker("the rollback was not sent (a rollback is checked by the worker)");
      out().println(release().rollbackRegion(c));
      return 0;
    }
  }

  @Command(name = "history", description = "The timeline of a release and of each region.")
  static final class History extends OnRelease {
    @Override
    public Integer call() {
      state();
      requireWorker("history needs one to answer (the release itself is safe in Temporal)");
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
