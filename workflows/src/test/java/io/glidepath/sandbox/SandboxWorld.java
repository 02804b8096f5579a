package io.glidepath.sandbox;

import io.glidepath.analysis.AnalysisActivities;
import io.glidepath.analysis.CheckResult;
import io.glidepath.analysis.ObservationRequest;
import io.glidepath.analysis.QueryCheck;
import io.glidepath.analysis.QueryVerdict;
import io.glidepath.analysis.Verdict;
import io.glidepath.analysis.WindowSummary;
import io.glidepath.analysis.WindowTally;
import io.glidepath.deploy.DeployRequest;
import io.glidepath.deploy.DeploymentActivities;
import io.glidepath.deploy.PreflightReport;
import io.glidepath.hooks.HookActivities;
import io.glidepath.notify.NotificationActivities;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.region.RegionRolloutWorkflowImpl;
import io.glidepath.release.ReleaseWorkflowImpl;
import io.glidepath.traffic.TrafficActivities;
import io.glidepath.traffic.TrafficChange;
import io.glidepath.traffic.TrafficState;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory world behind every activity contract: traffic weights and Deployments per region
 * that the activities change, and metrics from a script. It is the embedded default of the demo and
 * the world of the workflow tests, never a production provider. The analysis runs the real {@link
 * WindowTally} over one scripted check per interval and returns at once; the workflow's durable
 * timer gives the window its length.
 */
public final class SandboxWorld {
  /** The metrics of a region at a weight; {@code null} means no data. */
  @FunctionalInterface
  public interface Metrics {
    Double value(String region, int weight, String query, int check);
  }

  public static final String STABLE_VERSION = "2.3.0";

  /** Current weight on the new version, per region; absent means never touched. */
  public final Map<String, Integer> weights = new ConcurrentHashMap<>();

  /** Every weight set, per region, in order. */
  public final Map<String, List<Integer>> weightHistory = new ConcurrentHashMap<>();

  /** State of the new version's Deployment per region: deployed, scaled-down. */
  public final Map<String, String> newVersion = new ConcurrentHashMap<>();

  /** Regions whose old version was retired. */
  public final Set<String> retired = ConcurrentHashMap.newKeySet();

  /** Image running in place per region, for rolling updates. */
  public final Map<String, String> inPlace = new ConcurrentHashMap<>();

  /** Regions whose preflight fails. */
  public final Set<String> unhealthyStable = ConcurrentHashMap.newKeySet();

  /** Regions whose new version never becomes healthy. */
  public final Set<String> unhealthyNew = ConcurrentHashMap.newKeySet();

  public final List<ReleaseEvent> events = Collections.synchronizedList(new ArrayList<>());

  /** Activity calls, in order, as {@code name region}. */
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  public volatile boolean notificationsDown;

  /** Called inside every traffic change before it applies; a test may block it there. */
  public volatile java.util.function.Consumer<TrafficChange> beforeShift = change -> {};

  /**
   * Runs on every deployment and traffic call before it acts, with the call as {@link #calls}
   * records it ({@code "promote us-east"}, {@code "weight us-east 50"}): tests block it to act
   * mid-call.
   */
  public volatile java.util.function.Consumer<String> beforeCall = call -> {};

  private void call(String call) {
    beforeCall.accept(call);
    calls.add(call);
  }

  public volatile Metrics metrics = SandboxWorld::healthy;

  /** Healthy values of the built-in queries, well inside the seed thresholds. */
  public static Double healthy(String region, int weight, String query, int check) {
    return switch (query) {
      case "error-rate" -> 0.001;
      case "p95-latency" -> 0.120;
      case "p99-latency" -> 0.300;
      case "request-rate" -> 50.0;
      default -> 0.30;
    };
  }

  /**
   * Healthy everywhere except {@code query} at {@code value} in {@code region} at {@code weight}.
   */
  public void breach(String region, int weight, String query, double value) {
    metrics =
        (r, w, q, c) ->
            r.equals(region) && w == weight && q.equals(query) ? value : healthy(r, w, q, c);
  }

  public final TrafficActivities traffic =
      change -> {
        beforeShift.accept(change);
        String region = change.region().name();
        call("weight " + region + " " + change.weight());
        weights.put(region, change.weight());
        weightHistory
            .computeIfAbsent(region, k -> Collections.synchronizedList(new ArrayList<>()))
            .add(change.weight());
        return new TrafficState(region, change.weight(), "sandbox");
      };

  public final DeploymentActivities deploy =
      new DeploymentActivities() {
        @Override
        public PreflightReport preflight(DeployRequest r) {
          calls.add("preflight " + r.region().name());
          if (unhealthyStable.contains(r.region().name())) {
            throw ApplicationFailure.newNonRetryableFailure(
                "Deployment " + r.region().deployment().stable() + " has 1/3 ready pods",
                "StableUnhealthy");
          }
          return new PreflightReport(
              r.region().name(), STABLE_VERSION, 3, 3, "ghcr.io/acme/checkout:" + STABLE_VERSION);
        }

        @Override
        public void deployNew(DeployRequest r) {
          call("deploy " + r.region().name());
          newVersion.put(r.region().name(), "deployed");
        }

        @Override
        public void verifyHealthy(DeployRequest r) {
          call("verify " + r.region().name());
          if (unhealthyNew.contains(r.region().name())) {
            throw ApplicationFailure.newFailure("pods not ready", "NotReady");
          }
        }

        @Override
        public void scaleDownNew(DeployRequest r) {
          call("scale-down " + r.region().name());
          newVersion.put(r.region().name(), "scaled-down");
        }

        @Override
        public void retireStable(DeployRequest r) {
          call("retire " + r.region().name());
          retired.add(r.region().name());
        }

        @Override
        public void rollingUpdate(DeployRequest r) {
          call("rolling " + r.region().name());
          inPlace.put(r.region().name(), r.image());
        }

        @Override
        public void undoRollingUpdate(DeployRequest r) {
          call("undo " + r.region().name());
          inPlace.put(r.region().name(), "previous");
        }

        @Override
        public void promote(DeployRequest r) {
          call("promote " + r.region().name());
          inPlace.put(r.region().name(), r.image());
        }

        @Override
        public void restoreStable(DeployRequest r) {
          call("restore-stable " + r.region().name());
          inPlace.put(r.region().name(), "previous");
        }
      };

  public final AnalysisActivities analysis =
      new AnalysisActivities() {
        @Override
        public WindowSummary observe(ObservationRequest r) {
          long checks = Math.max(1, r.window().toMillis() / r.interval().toMillis());
          WindowTally tally = WindowTally.start();
          for (int i = 0; i < checks && !tally.done(); i++) {
            tally = tally.add(check(r, i), r);
          }
          return tally.summary();
        }

        @Override
        public CheckResult checkOnce(ObservationRequest r) {
          return check(r, 0);
        }

        private CheckResult check(ObservationRequest r, int index) {
          int weight = weights.getOrDefault(r.region(), 0);
          List<QueryVerdict> out = new ArrayList<>();
          for (QueryCheck q : r.checks()) {
            Verdict v;
            Double value;
            String detail = null;
            try {
              value = metrics.value(r.region(), weight, q.name(), index);
              v = value == null ? Verdict.INCONCLUSIVE : q.judge(value);
              detail = value == null ? "empty result" : null;
            } catch (RuntimeException e) {
              value = null;
              v = Verdict.ERROR;
              detail = e.getMessage();
            }
            out.add(
                new QueryVerdict(
                    q.name(), v, value, q.threshold(), q.failWhen(), q.unit(), q.query(), detail));
          }
          return new CheckResult(
              Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp(), out);
        }
      };

  public final NotificationActivities notifications =
      event -> {
        if (notificationsDown) {
          throw ApplicationFailure.newFailure("webhook answered 500", "NotificationFailed");
        }
        events.add(event);
      };

  /**
   * Registers both release workflows on a sandbox worker. The sandbox's activities end at once, so
   * a window cancelled by a signal (finish, resume, abort) races its own activity's completion; the
   * time-skipping test server then rejects the cancel command and the workflow gets stuck
   * (sdk-java#2391, a real server accepts it). Abandoning the observation activity instead sends no
   * command; the workflow sees the same cancelled promise either way.
   */
  public static void registerWorkflows(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setActivityOptions(
                Map.of(
                    "ObserveWindow",
                    ActivityOptions.newBuilder()
                        .setCancellationType(ActivityCancellationType.ABANDON)
                        .build()))
            .build(),
        ReleaseWorkflowImpl.class,
        RegionRolloutWorkflowImpl.class,
        io.glidepath.line.StopTheLineWorkflowImpl.class,
        io.glidepath.environment.EnvironmentLedgerWorkflowImpl.class);
  }

  /** The implementations to register on a worker. */
  /** Hooks (by name) whose run fails. */
  public final Set<String> failingHooks = ConcurrentHashMap.newKeySet();

  public final HookActivities hooks =
      r -> {
        String what = (r.undo() ? "hook-undo " : "hook ") + r.region().name() + " " + r.hook();
        call(what);
        if (!r.undo() && failingHooks.contains(r.hook())) {
          throw ApplicationFailure.newNonRetryableFailure(
              "Job " + r.jobName() + " failed: exit 1; last lines: relation already exists",
              "HookFailed");
        }
        return r.action().describe() + " as " + r.jobName();
      };

  public Object[] activities() {
    return new Object[] {traffic, deploy, analysis, notifications, hooks};
  }
}
