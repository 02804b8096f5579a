package io.glidepath.worker.board;

import io.glidepath.model.ReleaseSpec;
import io.glidepath.region.RegionRolloutWorkflow;
import io.glidepath.release.ReleaseRequest;
import io.glidepath.release.ReleaseWorkflow;
import io.glidepath.status.Approval;
import io.glidepath.status.Control;
import io.glidepath.status.PendingApproval;
import io.glidepath.status.RegionStatus;
import io.glidepath.status.ReleaseStatus;
import io.glidepath.status.Words;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board's access to Temporal: the list of releases, a release's status, and the actions, sent
 * as the same Updates and signals the CLI sends.
 */
class Releases {
  static final String WORKFLOW_TYPE = "ReleaseWorkflow";
  static final int MAX_LISTED = 100;

  private final WorkflowClient client;
  private final Map<String, ReleaseSpec> specs = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Set<String> unreadable =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  Releases(WorkflowClient client) {
    this.client = client;
  }

  /** What an action came to: done, or refused with the workflow's reason as it gave it. */
  record Outcome(boolean ok, String message) {}

  /**
   * Releases, running first then the most recent: through a visibility query when the server has
   * one, else through the open and closed lists the embedded test server answers.
   */
  List<BoardView.Row> list() {
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    try {
      client
          .listExecutions("WorkflowType = '" + WORKFLOW_TYPE + "'")
          .limit(MAX_LISTED)
          .forEach(m -> infos.add(m.getWorkflowExecutionInfo()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      var stub = client.getWorkflowServiceStubs().blockingStub();
      String ns = client.getOptions().getNamespace();
      infos.addAll(
          stub.listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(ns)
                      .setMaximumPageSize(MAX_LISTED)
                      .build())
              .getExecutionsList());
      infos.addAll(
          stub.listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(ns)
                      .setMaximumPageSize(MAX_LISTED)
                      .build())
              .getExecutionsList());
    }
    return rows(infos);
  }

  /** One row per workflow id (its newest run), running first, then newest first. */
  static List<BoardView.Row> rows(List<WorkflowExecutionInfo> infos) {
    Map<String, BoardView.Row> byId = new LinkedHashMap<>();
    for (WorkflowExecutionInfo i : infos) {
      if (!i.getType().getName().equals(WORKFLOW_TYPE)) {
        continue;
      }
      String state = i.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
      long start = i.getStartTime().getSeconds() * 1000 + i.getStartTime().getNanos() / 1_000_000;
      BoardView.Row row =
          new BoardView.Row(
              i.getExecution().getWorkflowId(), Words.of(state), state.equals("RUNNING"), start);
      byId.merge(row.workflowId(), row, (a, b) -> a.startMillis() >= b.startMillis() ? a : b);
    }
    List<BoardView.Row> rows = new ArrayList<>(byId.values());
    rows.sort(
        Comparator.comparing((BoardView.Row r) -> !r.running())
            .thenComparing(Comparator.comparingLong(BoardView.Row::startMillis).reversed()));
    return rows.size() > MAX_LISTED ? rows.subList(0, MAX_LISTED) : rows;
  }

  /**
   * The spec release {@code s} runs, as its workflow was started with; read once from the start
   * event of its history and kept while the same version runs. {@code null} if it cannot be read.
   */
  ReleaseSpec spec(String workflowId, ReleaseStatus s) {
    ReleaseSpec known = specs.get(workflowId);
    if (known != null
        && known.version().equals(s.version())
        && known.service().equals(s.service())) {
      return known;
    }
    String key = workflowId + "\n" + s.version();
    if (unreadable.contains(key)) {
      return null;
    }
    try {
      var started =
          client
              .streamHistory(workflowId)
              .findFirst()
              .orElseThrow()
              .getWorkflowExecutionStartedEventAttributes();
      ReleaseRequest request =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(
                  0,
                  java.util.Optional.of(started.getInput()),
                  ReleaseRequest.class,
                  ReleaseRequest.class);
      if (specs.size() > MAX_LISTED) {
        specs.clear();
      }
      specs.put(workflowId, request.spec());
      return request.spec();
    } catch (RuntimeException e) {
      // Not asked again for this version: the plan is drawn from the status alone.
      if (unreadable.size() > MAX_LISTED) {
        unreadable.clear();
      }
      unreadable.add(key);
      return null;
    }
  }

  /** The release's status query. */
  /** The environment ledger of {@code service}; an empty one when it never had a delivery. */
  io.glidepath.environment.LedgerState environments(String service) {
    return new io.glidepath.environment.EnvironmentClient(client).status(service);
  }

  ReleaseStatus status(String workflowId) {
    return release(workflowId).status();
  }

  /**
   * Each started region's own status (its full timeline), by region; a region whose workflow does
   * not answer is left out.
   */
  Map<String, RegionStatus> regions(String workflowId, ReleaseStatus s) {
    Map<String, RegionStatus> out = new HashMap<>();
    for (RegionStatus r : s.regions()) {
      if (r.phase() == io.glidepath.status.RegionPhase.PENDING
          || r.phase() == io.glidepath.status.RegionPhase.NOT_STARTED
          || r.phase() == io.glidepath.status.RegionPhase.PROTECTED) {
        continue;
      }
      try {
        out.put(
            r.region(),
            client
                .newWorkflowStub(RegionRolloutWorkflow.class, workflowId + "-" + r.region())
                .status());
      } catch (RuntimeException e) {
        // The release's own view of the region stands in.
      }
    }
    return out;
  }

  Outcome approve(String workflowId, BoardIdentity who, String gate, String role, String comment) {
    return act(
        () -> {
          PendingApproval after =
              release(workflowId)
                  .approve(new Approval(gate, who.name(), role, comment, who.identity()));
          return after.missing().isEmpty()
              ? "approved " + after.gate() + " as " + who.name() + ": the gate is open"
              : "approval of " + after.gate() + " recorded; still missing " + after.missing();
        });
  }

  Outcome pause(String workflowId, BoardIdentity who, String reason) {
    return act(
        () -> {
          release(workflowId).pause(control(who, reason, null));
          return "pause sent";
        });
  }

  Outcome resume(String workflowId, BoardIdentity who, String reason) {
    return act(
        () -> {
          release(workflowId).resume(control(who, reason, null));
          return "resume sent";
        });
  }

  Outcome abort(String workflowId, BoardIdentity who, String reason) {
    return act(
        () -> {
          release(workflowId).abort(control(who, reason, null));
          return "abort sent: every region that moved traffic goes back to stable";
        });
  }

  Outcome rollback(String workflowId, BoardIdentity who, String region, String reason) {
    return act(() -> release(workflowId).rollbackRegion(control(who, reason, region)));
  }

  private static Control control(BoardIdentity who, String reason, String region) {
    return new Control(who.name(), reason, region, who.identity());
  }

  private ReleaseWorkflow release(String workflowId) {
    return client.newWorkflowStub(ReleaseWorkflow.class, workflowId);
  }

  private interface Action {
    String run();
  }

  private static Outcome act(Action a) {
    try {
      return new Outcome(true, a.run());
    } catch (WorkflowNotFoundException e) {
      return new Outcome(false, "the release is not running");
    } catch (WorkflowException e) {
      return new Outcome(false, reason(e));
    }
  }

  /** The innermost failure's own message: the validator's refusal as it wrote it. */
  static String reason(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t != null) {
      if (t instanceof ApplicationFailure af) {
        message = af.getOriginalMessage();
      }
      t = t.getCause();
    }
    return message;
  }
}
