package io.glidepath.release;

import static io.glidepath.release.ReleaseContext.SYSTEM;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.Verdict;
import io.glidepath.flow.ActivityPolicies;
import io.glidepath.model.OutcomePolicy;
import io.glidepath.model.Quantities;
import io.glidepath.model.RegionSpec;
import io.glidepath.model.ReleaseSpec;
import io.glidepath.model.TimeoutOutcome;
import io.glidepath.notify.EventType;
import io.glidepath.slo.BudgetChecks;
import io.glidepath.status.DecisionKind;
import io.glidepath.status.GateId;
import io.glidepath.status.RegionPhase;
import io.glidepath.status.ReleaseResult;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error budget as a gate (SPEC S14): before the release starts, every region's remaining budget
 * is read and recorded; before each region starts it is read again, and a region under the spec's
 * {@code slo.minBudget} holds on the gate {@code budget:<region>} with an alert and the reason,
 * until a person lets it through with a reason ({@code release approve --gate budget:<region>
 * --comment ...}). A budget that cannot be read follows {@code analysis.noData} (or {@code onError}
 * when Prometheus cannot be reached): hold, else go on with the decision recorded. Releases started
 * before this existed, and specs without {@code slo}, never read a budget.
 */
final class BudgetGate {
  /** The {@code Workflow.getVersion} change id: from 1 on, budgets are read and gate regions. */
  static final String VERSION = "slo-budget-gate";

  /** What every budget decision of a region says: {@code error budget us-east}. */
  static final String BUDGET = "error budget ";

  private final ReleaseContext c;
  private final ReleaseGates gates;
  private Boolean on;

  BudgetGate(ReleaseContext c, ReleaseGates gates) {
    this.c = c;
    this.gates = gates;
  }

  private boolean on() {
    if (c.spec.slo() == null) {
      return false;
    }
    if (on == null) {
      on = Workflow.getVersion(VERSION, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    }
    return on;
  }

  private AnalysisActivities analysis() {
    return Workflow.newActivityStub(
        AnalysisActivities.class,
        ActivityPolicies.observation(c.spec.analysis().interval(), c.spec.analysis().interval()));
  }

  /** Before the release starts: every region's remaining budget, read at once and recorded. */
  void atStart() {
    if (!on()) {
      return;
    }
    ReleaseSpec spec = c.spec;
    AnalysisActivities analysis = analysis();
    Map<String, Promise<CheckResult>> reads = new LinkedHashMap<>();
    for (RegionSpec r : spec.regions()) {
      reads.put(
          r.name(),
          Async.function(
              analysis::checkOnce, BudgetChecks.request(spec.releaseWorkflowId(), spec, r.name())));
    }
    Promise.allOf(new ArrayList<>(reads.values())).get();
    reads.forEach(
        (name, p) -> {
          CheckResult r = p.get();
          c.budgetBefore.put(name, BudgetChecks.values(r.verdicts()));
          c.decide(
              DecisionKind.BUDGET,
              SYSTEM,
              BUDGET + name,
              "before the release: " + BudgetChecks.describe(r.verdicts()) + floor());
        });
  }

  /** Before {@code name} starts: holds it while its budget is under the floor. */
  void beforeRegion(String name) {
    if (!on() || c.spec.slo().minBudget() == null) {
      return;
    }
    CheckResult r =
        analysis().checkOnce(BudgetChecks.request(c.spec.releaseWorkflowId(), c.spec, name));
    String values = BudgetChecks.describe(r.verdicts());
    Verdict v = r.verdict();
    if (v == Verdict.PASS) {
      c.budgetBefore.put(name, BudgetChecks.values(r.verdicts()));
      c.decide(DecisionKind.BUDGET, SYSTEM, BUDGET + name, "before it starts: " + values + floor());
      return;
    }
    OutcomePolicy policy =
        v == Verdict.ERROR ? c.spec.analysis().onError() : c.spec.analysis().noData();
    if (v != Verdict.FAIL && policy != OutcomePolicy.HOLD) {
      c.decide(
          DecisionKind.PROCEEDED_WITHOUT_VERDICT,
          SYSTEM,
          "error budget of " + name + " unknown, starting it",
          values
              + " ("
              + (v == Verdict.ERROR ? "analysis.onError: " : "analysis.noData: ")
              + policy.name().toLowerCase(java.util.Locale.ROOT)
              + ")");
      return;
    }
    String why =
        v == Verdict.FAIL
            ? "its error budget is under the floor: " + values
            : "its error budget cannot be read: " + values;
    c.regions.put(name, c.regions.get(name).withPhase(RegionPhase.AWAITING_APPROVAL, why));
    c.decide(DecisionKind.BUDGET_HOLD, SYSTEM, name + " holds before it starts", why);
    c.notifier.send(
        EventType.ATTENTION,
        name,
        0,
        0,
        name
            + " holds before it starts: "
            + why
            + ". To let it spend anyway: glidepath release approve "
            + c.spec.service()
            + " --gate "
            + GateId.budget(name)
            + " --by <you> --comment <why>",
        r.verdicts());
    // A hold on the budget never ends by itself in a start: on timeout the release aborts.
    gates.await(
        GateId.budget(name),
        "start " + name + " although " + why,
        () -> false,
        TimeoutOutcome.ABORT);
    c.regions.put(name, c.regions.get(name).withPhase(RegionPhase.PENDING, "let through"));
    c.budgetBefore.put(name, BudgetChecks.values(r.verdicts()));
  }

  private String floor() {
    Double min = c.spec.slo().minBudget();
    return min == null ? "" : " (floor " + Quantities.percent(min) + ")";
  }

  /**
   * When the release ends: every region that started reads its remaining budget again, so the
   * result says what it spent (before and after). Empty when no budget was read at the start.
   */
  Map<String, ReleaseResult.BudgetSpent> atEnd() {
    Map<String, ReleaseResult.BudgetSpent> out = new LinkedHashMap<>();
    if (c.spec.slo() == null || c.budgetBefore.isEmpty() || !on()) {
      return out;
    }
    AnalysisActivities analysis = analysis();
    Map<String, Promise<CheckResult>> reads = new LinkedHashMap<>();
    for (String name : c.children.keySet()) {
      reads.put(
          name,
          Async.function(
              analysis::checkOnce, BudgetChecks.request(c.spec.releaseWorkflowId(), c.spec, name)));
    }
    for (Map.Entry<String, Promise<CheckResult>> e : reads.entrySet()) {
      Map<String, Double> after;
      try {
        after = BudgetChecks.values(e.getValue().get().verdicts());
      } catch (RuntimeException failed) {
        // The release has ended either way: a budget that cannot be read is reported unknown.
        after = Map.of();
      }
      ReleaseResult.BudgetSpent spent =
          new ReleaseResult.BudgetSpent(c.budgetBefore.get(e.getKey()), after);
      out.put(e.getKey(), spent);
      c.decide(DecisionKind.BUDGET, SYSTEM, BUDGET + e.getKey(), "spent: " + spent.describe());
    }
    return out;
  }
}
