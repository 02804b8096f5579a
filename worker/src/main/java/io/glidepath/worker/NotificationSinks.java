package io.glidepath.worker;

import io.glidepath.notify.GrafanaAnnotator;
import io.glidepath.notify.LinkTemplates;
import io.glidepath.notify.PushgatewayPublisher;
import io.glidepath.notify.Secrets;
import io.glidepath.notify.SlackNotifier;
import io.glidepath.notify.TeamsNotifier;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Where release events go, one bean per sink. Slack and Teams are on unless turned off ({@code
 * glidepath.notifications.slack.enabled}, {@code teams.enabled}: false), as their webhooks are
 * secrets each release spec names; Grafana and the Pushgateway only when their URL is configured.
 * The release metrics ({@link ReleaseMetrics}) are a sink in every environment; in the {@code
 * sandbox} environment the cards go to the console instead of these.
 */
@Factory
@Requires(notEnv = WorkerSettings.SANDBOX_ENVIRONMENT)
final class NotificationSinks {
  /** A configured value: at least one character that is not blank. */
  static final String SET = ".*\\S.*";

  @Singleton
  LinkTemplates links(WorkerSettings s) {
    var n = s.notifications();
    return new LinkTemplates(n.dashboardLink(), n.logsLink(), n.workflowLink(), n.boardLink());
  }

  @Singleton
  @Requires(property = "glidepath.notifications.slack.enabled", notEquals = "false")
  SlackNotifier slack(Secrets secrets, LinkTemplates links, WorkerSettings s) {
    return new SlackNotifier(secrets, links, s.notifications().timeout());
  }

  @Singleton
  @Requires(property = "glidepath.notifications.teams.enabled", notEquals = "false")
  TeamsNotifier teams(Secrets secrets, LinkTemplates links, WorkerSettings s) {
    return new TeamsNotifier(secrets, links, s.notifications().timeout());
  }

  @Singleton
  @Requires(property = "glidepath.notifications.grafana-url", pattern = SET)
  GrafanaAnnotator grafana(Secrets secrets, WorkerSettings s) {
    var n = s.notifications();
    return new GrafanaAnnotator(n.grafanaUrl(), n.grafanaDashboardUid(), secrets, n.timeout());
  }

  @Singleton
  @Requires(property = "glidepath.notifications.pushgateway-url", pattern = SET)
  PushgatewayPublisher pushgateway(WorkerSettings s) {
    var n = s.notifications();
    return new PushgatewayPublisher(n.pushgatewayUrl(), n.timeout());
  }
}
