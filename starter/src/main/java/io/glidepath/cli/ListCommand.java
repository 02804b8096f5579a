package io.glidepath.cli;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code glidepath release list}: every release, running first. */
@Command(name = "list", description = "List releases, running first.")
final class ListCommand extends Connected {
  @Override
  public Integer call() {
    WorkflowClient client = temporal.client();
    List<String> lines = new ArrayList<>();
    try {
      client
          .listExecutions("WorkflowType = 'ReleaseWorkflow'")
          .forEach(m -> lines.add(line(m.getWorkflowExecutionInfo())));
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      lines.addAll(withoutVisibility(client));
    }
    if (lines.isEmpty()) {
      out().println("no releases");
    }
    lines.forEach(out()::println);
    return ExitCodes.OK;
  }

  /** One release: its workflow id, its state and when it started. */
  private static String line(WorkflowExecutionInfo i) {
    return String.format(
        "%-32s %-10s started %s",
        i.getExecution().getWorkflowId(),
        OnRelease.words(i.getStatus()),
        java.time.Instant.ofEpochSecond(
            i.getStartTime().getSeconds(), i.getStartTime().getNanos()));
  }

  /** The embedded test server has no visibility queries; its open and closed lists work. */
  private List<String> withoutVisibility(WorkflowClient client) {
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
      if (i.getType().getName().equals("ReleaseWorkflow")) {
        lines.add(line(i));
      }
    }
    return lines;
  }
}
