package io.glidepath.release;

import static io.glidepath.release.ReleaseContext.SYSTEM;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.deploy.DeployRequest;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.deploy.PreflightReport;
import io.glidepath.flow.ActivityPolicies;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.ReleasePhase;
import io.glidepath.status.ReleaseResult;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before anything moves: every region's stable Deployment is healthy (and what it runs is
 * recorded), and, when the spec asks, its metrics are within the preflight limits.
 */
final class ReleasePreflight {
  private final ReleaseContext c;
  private final DeploymentActivities deploy =
      Workflow.newActivityStub(DeploymentActivities.class, ActivityPolicies.forward());

  ReleasePreflight(ReleaseContext c) {
    this.c = c;
  }

  void run() {
    ReleaseSpec spec = c.spec;
    c.enter(ReleasePhase.PREFLIGHT);
    Map<String, Promise<PreflightReport>> reports = new LinkedHashMap<>();
    for (RegionSpec r : spec.regions()) {
      reports.put(
          r.name(),
          Async.function(
              deploy::preflight,
              new DeployRequest(
                  spec.releaseWorkflowId(),
                  spec.service(),
                  spec.version(),
                  spec.image(),
                  null,
                  r,
                  null,
                  null)));
    }
    Promise.allOf(new ArrayList<>(reports.values())).get();
    reports.forEach(
        (name, p) -> {
          c.stableVersions.put(name, p.get().stableVersion());
          c.before.put(
              name, new ReleaseResult.Baseline(p.get().stableVersion(), p.get().stableImage()));
        });
    if (!spec.preflight().isEmpty()) {
      metrics();
    }
    c.decide(
        DecisionKind.PREFLIGHT, SYSTEM, "preflight passed", "stable versions " + c.stableVersions);
  }

  /**
   * Judges the stable version of every region against the spec's preflight limits, before anything
   * moves; records the values as each region's baseline, or refuses the release naming them.
   */
  private void metrics() {
    ReleaseSpec spec = c.spec;
    AnalysisActivities analysis =
        Workflow.newActivityStub(
            AnalysisActivities.class,
            ActivityPolicies.observation(spec.analysis().interval(), spec.analysis().interval()));
    Map<String, Promise<WindowSummary>> checks = new LinkedHashMap<>();
    for (RegionSpec r : spec.regions()) {
      checks.put(
          r.name(),
          Async.function(
              analysis::observe,
              ObservationRequest.preflight(
                  spec.releaseWorkflowId(), spec, r.name(), c.stableVersions.get(r.name()))));
    }
    List<String> refused = new ArrayList<>();
    checks.forEach(
        (name, p) -> {
          WindowSummary s = p.get();
          String values = ReleaseText.values(s);
          c.before.put(name, c.before.get(name).withChecks(s.last()));
          if (s.verdict() == Verdict.PASS) {
            c.decide(DecisionKind.PREFLIGHT, SYSTEM, "baseline of " + name, values);
          } else {
            refused.add(
                name + " (stable " + c.stableVersions.get(name) + "): " + s.reason() + values);
          }
        });
    if (!refused.isEmpty()) {
      throw new Refused(
          "the stable version is outside the preflight limits in " + String.join("; ", refused));
    }
  }

  /** The metric preflight refused the release; nothing has moved. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
