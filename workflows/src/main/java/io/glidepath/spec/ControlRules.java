package io.glidepath.spec;

import io.glidepath.model.Bounds;
import io.glidepath.model.Escalation;
import io.glidepath.model.HookSpec;
import io.glidepath.model.NotificationSpec;
import io.glidepath.model.ReleaseSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Validation of the routine controls: notifications, hooks and escalation. */
final class ControlRules {
  private static final Pattern HOOK_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

  /** The name of a secret the worker resolves: an environment variable, or file:/path. */
  static final Pattern SECRET_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*|file:/\\S+");

  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private ControlRules() {}

  static void check(ReleaseSpec s, Problems problems) {
    BiConsumer<String, String> problem = problems::add;
    notifications(s.notifications(), problem);
    hooks(s.hooks(), problem);
    escalations(s.approval().escalate(), s.approval().timeout(), problem);
  }

  private static void notifications(NotificationSpec n, BiConsumer<String, String> problem) {
    secret("notifications.slack.successes", n.slackSuccesses(), problem);
    secret("notifications.slack.incidents", n.slackIncidents(), problem);
    secret("notifications.teams", n.teams(), problem);
    secret("notifications.grafana.token", n.grafanaToken(), problem);
  }

  private static void secret(String at, String name, BiConsumer<String, String> problem) {
    if (name != null && !SECRET_NAME.matcher(name).matches()) {
      // Never echo the value: it may be the secret itself.
      problem.accept(
          at,
          "must name the secret that holds it (an environment variable such as"
              + " SLACK_INCIDENTS_WEBHOOK, or file:/path), never the URL or token itself");
    }
  }

  private static void hooks(List<HookSpec> hooks, BiConsumer<String, String> problem) {
    if (hooks.size() > Bounds.MAX_HOOKS) {
      problem.accept("hooks", hooks.size() + " hooks are more than " + Bounds.MAX_HOOKS);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < hooks.size(); i++) {
      HookSpec h = hooks.get(i);
      String at = "hooks[" + (h.name() == null || h.name().isBlank() ? i : h.name()) + "]";
      if (h.name() == null || h.name().isBlank()) {
        problem.accept(at + ".name", "required; e.g. name: migrate");
      } else if (!HOOK_NAME.matcher(h.name()).matches()) {
        problem.accept(
            at + ".name",
            "must be lower-case letters, digits and '-', at most 32 characters; it names the Job");
      } else if (!names.add(h.name())) {
        problem.accept(at + ".name", "appears twice; each hook name must be unique");
      }
      if (h.at() == null) {
        problem.accept(
            at + ".at", "required; one of before-deploy, before-traffic, after-promotion");
      }
      action(at, h.run(), problem);
      if (h.undo() != null) {
        action(at + ".undo", h.undo(), problem);
      }
    }
  }

  private static void action(String at, HookSpec.Action a, BiConsumer<String, String> problem) {
    if ((a.job() == null) == (a.http() == null)) {
      problem.accept(at, "give exactly one of job: {image, args, timeout} or http: {url, method}");
      return;
    }
    if (a.job() != null) {
      if (a.job().image() == null || a.job().image().isBlank()) {
        problem.accept(at + ".job.image", "required; the image the Job runs");
      }
      within(at + ".job.timeout", a.job().timeout(), Bounds.MAX_HOOK_TIMEOUT, problem);
      return;
    }
    if (a.http().url() == null || !SECRET_NAME.matcher(a.http().url()).matches()) {
      // Never echo the value: it may be the URL with its token.
      problem.accept(
          at + ".http.url",
          "must name the secret that holds the URL (an environment variable such as"
              + " CDN_PURGE_URL, or file:/path), never the URL itself");
    }
    if (!METHODS.contains(a.http().method())) {
      problem.accept(at + ".http.method", "must be one of " + String.join(", ", METHODS));
    }
    if (a.http().expect() < 100 || a.http().expect() > 599) {
      problem.accept(at + ".http.expect", a.http().expect() + " is not an HTTP status (100-599)");
    }
  }

  private static void escalations(
      List<Escalation> escalate, Duration timeout, BiConsumer<String, String> problem) {
    if (escalate.size() > Bounds.MAX_ESCALATIONS) {
      problem.accept(
          "approval.escalate", escalate.size() + " steps are more than " + Bounds.MAX_ESCALATIONS);
    }
    for (int i = 0; i < escalate.size(); i++) {
      Escalation e = escalate.get(i);
      String at = "approval.escalate[" + i + "]";
      if (e.after() == null) {
        problem.accept(at + ".after", "required; how long a step may stay open, e.g. after: 4h");
      } else {
        within(at + ".after", e.after(), Bounds.MAX_APPROVAL_TIMEOUT, problem);
      }
      if (e.webhook() == null || e.webhook().isBlank()) {
        problem.accept(
            at + ".notify",
            "required; name the secret that holds the escalation webhook, e.g. notify:"
                + " SLACK_ESCALATION_WEBHOOK (an environment variable of the worker) or"
                + " file:/run/secrets/escalation");
      } else if (!SECRET_NAME.matcher(e.webhook()).matches()) {
        problem.accept(
            at + ".notify",
            "must name the secret that holds the escalation webhook (such as"
                + " SLACK_ESCALATION_WEBHOOK, or file:/path), never the URL itself");
      }
    }
  }

  private static void within(
      String at, Duration d, Duration max, BiConsumer<String, String> problem) {
    if (d != null && (d.isNegative() || d.isZero() || d.compareTo(max) > 0)) {
      problem.accept(at, SpecValidator.days(d) + " is outside 1s to " + SpecValidator.days(max));
    }
  }
}
