package io.glidepath.worker;

import io.glidepath.client.TemporalTarget;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Up when Temporal answers and the worker polls its task queue; part of {@code /health}, {@code
 * /health/liveness} and {@code /health/readiness}.
 */
@Singleton
@Requires(bean = WorkerRegistrar.class)
@Liveness
@Readiness
final class TemporalHealthIndicator implements HealthIndicator {
  private final TemporalTarget target;
  private final WorkflowClient client;
  private final WorkerRegistrar registrar;

  TemporalHealthIndicator(TemporalTarget target, WorkflowClient client, WorkerRegistrar registrar) {
    this.target = target;
    this.client = client;
    this.registrar = registrar;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(check());
  }

  private HealthResult check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("address", target.address());
    details.put("namespace", target.namespace());
    details.put("polling", registrar.running());
    HealthStatus status = HealthStatus.UP;
    try {
      target.ping(client.getWorkflowServiceStubs());
    } catch (RuntimeException e) {
      details.put("error", e.getMessage());
      status = HealthStatus.DOWN;
    }
    if (!registrar.running()) {
      status = HealthStatus.DOWN;
    }
    return HealthResult.builder("temporal", status).details(details).build();
  }
}
