package io.glidepath.cli;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glidepath release list}: every release, running first. */
@Command(name = "list", description = "List releases, running first.")
final class ListCommand extends Connected {
  @Mixin Output output;

  @Option(names = "--service", description = "only this service's releases")
  String service;

  @Option(names = "--phase", description = "only releases in this phase, e.g. rolling-out")
  String phase;

  @Option(names = "--author", description = "only releases this person started")
  String author;

  /** One release in {@code --output json}. */
  record Entry(String workflowId, String runId, String state, Instant started) {}

  @Override
  public Integer call() {
    WorkflowClient client = temporal.client();
    ReleaseFilter filter = ReleaseFilter.of(service, phase, author);
    List<Entry> entries = new ArrayList<>();
    try {
      client
          .listExecutions(filter.query())
          .forEach(m -> entries.add(entry(m.getWorkflowExecutionInfo())));
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      entries.addAll(withoutVisibility(client, filter));
    }
    if (output.json()) {
      print(Output.json(entries));
      return ExitCodes.OK;
    }
    if (entries.isEmpty()) {
      out().println("no releases");
    }
    entries.forEach(
        e ->
            out()
                .println(
                    String.format(
                        "%-32s %-10s started %s", e.workflowId(), e.state(), e.started())));
    return ExitCodes.OK;
  }

  /** One release: its workflow id, its state and when it started. */
  private static Entry entry(WorkflowExecutionInfo i) {
    return new Entry(
        i.getExecution().getWorkflowId(),
        i.getExecution().getRunId(),
        OnRelease.words(i.getStatus()),
        Instant.ofEpochSecond(i.getStartTime().getSeconds(), i.getStartTime().getNanos()));
  }

  /** The embedded test server has no visibility queries; its open and closed lists work. */
  private List<Entry> withoutVisibility(WorkflowClient client, ReleaseFilter filter) {
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
    List<Entry> entries = new ArrayList<>();
    for (WorkflowExecutionInfo i : infos) {
      if (i.getType().getName().equals("ReleaseWorkflow") && filter.matches(i)) {
        entries.add(entry(i));
      }
    }
    return entries;
  }
}
