package io.glidepath.cli.release;

import io.glidepath.cli.common.Connected;
import io.glidepath.cli.common.ExitCodes;
import io.glidepath.cli.common.Output;
import io.glidepath.cli.common.Times;
import io.glidepath.status.Words;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glidepath release list}: every release run, newest first. */
@Command(
    name = "list",
    description =
        "List release runs, newest first: service, version, author, start, duration, outcome.")
final class ListCommand extends Connected {
  @Mixin Output output;

  @Option(names = "--service", description = "only this service's releases")
  String service;

  @Option(names = "--phase", description = "only releases in this phase, e.g. rolling-out")
  String phase;

  @Option(names = "--author", description = "only releases this person started")
  String author;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "at most this many runs, the newest (default ${DEFAULT-VALUE}, 1 to 1000)")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("--limit: " + limit + " is outside 1 to 1000");
    }
    WorkflowClient client = temporal.client();
    ReleaseFilter filter = ReleaseFilter.of(service, phase, author);
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    try {
      client.listExecutions(filter.query()).forEach(m -> infos.add(m.getWorkflowExecutionInfo()));
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      infos.addAll(withoutVisibility(client, filter));
    }
    // Each row reads its run's result: only the newest runs are read, however many there are.
    infos.sort(
        Comparator.comparingLong((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
            .thenComparingInt(i -> i.getStartTime().getNanos())
            .reversed());
    Instant now = Instant.now();
    List<ListedRelease> rows = new ArrayList<>();
    for (WorkflowExecutionInfo i : infos.subList(0, Math.min(limit, infos.size()))) {
      rows.add(ListedRelease.of(client, i, now));
    }
    rows.sort(NEWEST_FIRST);
    if (output.json()) {
      print(Output.json(rows));
      return ExitCodes.OK;
    }
    print(table(rows));
    if (infos.size() > rows.size()) {
      out()
          .printf(
              "the newest %d of %d runs; --limit %d shows more%n",
              rows.size(), infos.size(), Math.min(1000, infos.size()));
    }
    return ExitCodes.OK;
  }

  /** Newest first; runs started in the same instant by workflow id. */
  static final Comparator<ListedRelease> NEWEST_FIRST =
      Comparator.comparing(ListedRelease::started)
          .reversed()
          .thenComparing(ListedRelease::workflowId);

  /** The rows as a table with a header, each column as wide as its widest cell. */
  static String table(List<ListedRelease> rows) {
    if (rows.isEmpty()) {
      return "no releases" + System.lineSeparator();
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(
        new String[] {"WORKFLOW ID", "VERSION", "AUTHOR", "STARTED (UTC)", "DURATION", "OUTCOME"});
    for (ListedRelease r : rows) {
      cells.add(
          new String[] {
            r.workflowId(),
            r.version() == null ? "-" : r.version(),
            r.author() == null ? "-" : r.author(),
            Times.dateTime(r.started().toEpochMilli()),
            Times.duration(r.durationSeconds() * 1000),
            r.outcome().equals("running") && r.phase() != null
                ? "running (" + Words.of(r.phase()) + ")"
                : r.outcome()
          });
    }
    int[] width = new int[cells.get(0).length];
    for (String[] row : cells) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == row.length - 1 ? row[c] : String.format("%-" + width[c] + "s  ", row[c]));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  /** The embedded test server has no visibility queries; its open and closed lists work. */
  private List<WorkflowExecutionInfo> withoutVisibility(
      WorkflowClient client, ReleaseFilter filter) {
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
    return infos.stream()
        .filter(i -> i.getType().getName().equals("ReleaseWorkflow") && filter.matches(i))
        .toList();
  }
}
