package io.glidepath.model;

import java.time.Duration;
import java.util.List;

/**
 * A named step at a fixed point of each region's flow: a Kubernetes Job in the region's cluster, or
 * an HTTP call to a URL named by a secret.
 *
 * @param undo what compensation runs once this hook has run, or {@code null}
 * @param onFailure what a failed hook does to the region
 */
public record HookSpec(String name, HookPoint at, Action run, Action undo, HookFailure onFailure) {

  /** Where in a region's flow a hook runs. */
  public enum HookPoint {
    /** Before the new version's Deployment is created. */
    BEFORE_DEPLOY,
    /** After the new version is healthy, before any traffic moves to it. */
    BEFORE_TRAFFIC,
    /** After the new version has been promoted to stable. */
    AFTER_PROMOTION;

    /** The spec's spelling, e.g. {@code before-traffic}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** What a failed hook does. */
  public enum HookFailure {
    /** Roll the region back (running the undo of every hook that ran). */
    ROLLBACK,
    /** Hold the region for a person: for forward-only steps that must not be undone blindly. */
    HOLD;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A Job or an HTTP call; exactly one of {@code job} and {@code http} is set. */
  public record Action(Job job, Http http) {
    /** How the action reads in the timeline. */
    public String describe() {
      return job != null
          ? "job " + job.image() + (job.args().isEmpty() ? "" : " " + String.join(" ", job.args()))
          : http.method() + " " + http.url();
    }
  }

  /**
   * A Kubernetes Job with one container.
   *
   * @param timeout how long the Job may run before it counts as failed
   */
  public record Job(String image, List<String> args, Duration timeout) {
    public Job {
      args = args == null ? List.of() : List.copyOf(args);
    }
  }

  /**
   * An HTTP call.
   *
   * @param url the name of the secret that holds the URL (never the URL itself)
   * @param expect the status code that means success
   */
  public record Http(String url, String method, int expect) {}
}
