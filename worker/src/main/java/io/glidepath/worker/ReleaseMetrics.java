package io.glidepath.worker;

import io.glidepath.analysis.prometheus.AnalysisActivitiesImpl;
import io.glidepath.notify.EventType;
import io.glidepath.notify.ReleaseEvent;
import io.glidepath.notify.ReleaseEventSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

/**
 * Release metrics on the worker's {@code /prometheus}, counted from the same events the cards are
 * made of: releases by outcome, rollbacks by region and cause, stage transitions. It reports that
 * it sent nothing, so it never hides a failing webhook from the activity's retries. A sink in every
 * environment.
 */
@Singleton
final class ReleaseMetrics implements ReleaseEventSink {
  private final MeterRegistry registry;

  /**
   * {@code glidepath_check_latency_seconds{region}}: how long one analysis check (every query of
   * it) took to answer, as a histogram.
   */
  static AnalysisActivitiesImpl.CheckTimer checkTimer(MeterRegistry registry) {
    return (request, took) ->
        Timer.builder("glidepath.check.latency")
            .description("Time one analysis check took to answer, all its queries")
            .tag("region", request.region())
            .publishPercentileHistogram()
            .register(registry)
            .record(took);
  }

  ReleaseMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public boolean send(ReleaseEvent e) {
    switch (e.type()) {
      case RELEASE_COMPLETED, RELEASE_FAILED ->
          Counter.builder("glidepath.releases")
              .description("Releases that ended, by outcome")
              .tag("service", e.service())
              .tag("outcome", e.type() == EventType.RELEASE_COMPLETED ? "completed" : "failed")
              .register(registry)
              .increment();
      case ROLLBACK_TRIGGERED ->
          Counter.builder("glidepath.rollbacks")
              .description("Regions rolled back, by region and the check that breached")
              .tag("service", e.service())
              .tag("region", String.valueOf(e.region()))
              .tag("cause", cause(e))
              .register(registry)
              .increment();
      case STAGE_PASSED, REGION_STARTED, REGION_COMPLETED ->
          Counter.builder("glidepath.stage.transitions")
              .description("Stage transitions of regions")
              .tag("service", e.service())
              .tag("region", String.valueOf(e.region()))
              .tag("event", e.type().name().toLowerCase(java.util.Locale.ROOT))
              .register(registry)
              .increment();
      default -> {}
    }
    return false;
  }

  /** The first check that failed, else {@code manual} (an abort or a person's rollback). */
  private static String cause(ReleaseEvent e) {
    return e.values().stream()
        .filter(v -> v.verdict() == io.glidepath.analysis.Verdict.FAIL)
        .map(io.glidepath.analysis.QueryVerdict::name)
        .findFirst()
        .orElse("manual");
  }
}
