package io.glidepath.line;

import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists running releases through the open-executions API, which the real server and the embedded
 * test server both answer (the latter ignores filters, so the type is checked here).
 */
public final class LineActivitiesImpl implements LineActivities {
  private final WorkflowClient client;

  public LineActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<String> runningReleases() {
    List<String> ids = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse r =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setMaximumPageSize(1000)
                      .setNextPageToken(page)
                      .build());
      r.getExecutionsList().stream()
          .filter(e -> e.getType().getName().equals("ReleaseWorkflow"))
          .forEach(e -> ids.add(e.getExecution().getWorkflowId()));
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return ids;
  }
}
