package io.glidepath.hooks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glidepath.kubernetes.KubernetesClients;
import io.glidepath.kubernetes.KubernetesFailures;
import io.glidepath.model.HookSpec;
import io.glidepath.notify.Secrets;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Hooks on Kubernetes (a Job in the region's cluster and namespace, through Fabric8) and over HTTP
 * (a URL resolved from a secret by this worker, never written to history or errors).
 */
public final class HookActivitiesImpl implements HookActivities {
  /** Log lines of a failed Job quoted in the failure. */
  static final int LOG_LINES = 10;

  static final String HOOK_LABEL = "glidepath.io/hook";
  static final String RELEASE = "glidepath.io/release";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final KubernetesClients clients;
  private final Secrets secrets;
  private final Duration pollInterval;
  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).followRedirects(false).build();

  public HookActivitiesImpl(KubernetesClients clients, Secrets secrets, Duration pollInterval) {
    this.clients = clients;
    this.secrets = secrets;
    this.pollInterval = pollInterval;
  }

  @Override
  public String run(HookRequest r) {
    return r.action().job() != null ? job(r, r.action().job()) : http(r, r.action().http());
  }

  // ---- Jobs ----

  private String job(HookRequest r, HookSpec.Job spec) {
    String ns = r.region().namespace();
    String what = "Job " + ns + "/" + r.jobName();
    KubernetesClient k8s = clients.forCluster(r.region().cluster());
    try {
      var jobs = k8s.batch().v1().jobs().inNamespace(ns);
      if (jobs.withName(r.jobName()).get() == null) {
        // Named from the region's run and the hook: a retry finds this Job and waits for it.
        jobs.resource(newJob(r, spec)).create();
      }
      while (true) {
        Job job = jobs.withName(r.jobName()).get();
        if (job == null) {
          throw ApplicationFailure.newNonRetryableFailure(
              what + " was deleted while it ran", "HookFailed");
        }
        var status = job.getStatus();
        if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
          return "job " + describe(spec) + " succeeded as " + r.jobName();
        }
        String failed = failure(job);
        if (failed != null) {
          throw ApplicationFailure.newNonRetryableFailure(
              what + " failed: " + failed + "; last lines: " + lastLines(k8s, ns, r.jobName()),
              "HookFailed");
        }
        Activity.getExecutionContext().heartbeat(what + " running");
        sleep();
      }
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.classify(e, what, r.region().cluster());
    }
  }

  private static Job newJob(HookRequest r, HookSpec.Job spec) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(r.jobName())
        .withNamespace(r.region().namespace())
        .addToLabels(HOOK_LABEL, r.hook())
        .addToAnnotations(RELEASE, r.releaseId())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(spec.timeout().toSeconds())
        .withTtlSecondsAfterFinished((int) Duration.ofDays(1).toSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels(HOOK_LABEL, r.hook())
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("hook")
        .withImage(spec.image())
        .withArgs(spec.args())
        .addNewEnv()
        .withName("GLIDEPATH_SERVICE")
        .withValue(r.service())
        .endEnv()
        .addNewEnv()
        .withName("GLIDEPATH_VERSION")
        .withValue(r.version())
        .endEnv()
        .addNewEnv()
        .withName("GLIDEPATH_REGION")
        .withValue(r.region().name())
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Why the Job failed, or {@code null} while it has not. */
  private static String failure(Job job) {
    var status = job.getStatus();
    if (status == null) {
      return null;
    }
    if (status.getConditions() != null) {
      for (JobCondition c : status.getConditions()) {
        if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
          return c.getReason() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
        }
      }
    }
    return status.getFailed() != null && status.getFailed() > 0 ? "its pod failed" : null;
  }

  /** The last lines the Job's pod logged, or a note saying why there are none. */
  private static String lastLines(KubernetesClient k8s, String ns, String job) {
    try {
      List<Pod> pods = k8s.pods().inNamespace(ns).withLabel("job-name", job).list().getItems();
      if (pods.isEmpty()) {
        return "(no pod left to read)";
      }
      String log =
          k8s.pods()
              .inNamespace(ns)
              .withName(pods.get(0).getMetadata().getName())
              .tailingLines(LOG_LINES)
              .getLog();
      List<String> lines = Arrays.stream(log.split("\n")).filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "(the pod logged nothing)" : String.join(" | ", lines);
    } catch (KubernetesClientException e) {
      return "(logs unavailable: HTTP " + e.getCode() + ")";
    }
  }

  private static String describe(HookSpec.Job spec) {
    return spec.image() + (spec.args().isEmpty() ? "" : " " + String.join(" ", spec.args()));
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for a hook", "Interrupted");
    }
  }

  // ---- HTTP ----

  private String http(HookRequest r, HookSpec.Http spec) {
    String url;
    try {
      url = secrets.resolve(spec.url());
    } catch (IllegalStateException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "SecretMissing");
    }
    String body =
        JSON.createObjectNode()
            .put("service", r.service())
            .put("version", r.version())
            .put("region", r.region().name())
            .put("hook", r.hook())
            .put("undo", r.undo())
            .toString();
    RequestBody payload =
        "GET".equals(spec.method()) || "DELETE".equals(spec.method())
            ? null
            : RequestBody.create(body, MediaType.get("application/json"));
    Request request;
    try {
      request = new Request.Builder().url(url).method(spec.method(), payload).build();
    } catch (IllegalArgumentException e) {
      // The message would quote the URL: name the secret instead.
      throw ApplicationFailure.newNonRetryableFailure(
          "the secret " + spec.url() + " does not hold an http(s) URL", "HookFailed");
    }
    String what = spec.method() + " to the URL in " + spec.url();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code == spec.expect()) {
        return what + " answered " + code;
      }
      String failed = what + " answered " + code + ", not " + spec.expect();
      if (code == 429 || code >= 500) {
        throw ApplicationFailure.newFailure(failed, "HookUnavailable");
      }
      throw ApplicationFailure.newNonRetryableFailure(failed, "HookFailed");
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          what + " did not answer (" + e.getClass().getSimpleName() + ")", "HookUnavailable");
    }
  }
}
