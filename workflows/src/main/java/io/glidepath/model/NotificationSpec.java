package io.glidepath.model;

/**
 * Where release events go, each named by the secret that holds the URL or token (an environment
 * variable name, or {@code file:/path}). Never the secret itself: the worker resolves the names.
 *
 * @param slackSuccesses secret holding the Slack webhook for success notices and summaries
 * @param slackIncidents secret holding the Slack webhook for incident cards
 * @param teams secret holding the Microsoft Teams Workflows webhook
 * @param grafanaToken secret holding the Grafana service-account token for annotations
 */
public record NotificationSpec(
    String slackSuccesses, String slackIncidents, String teams, String grafanaToken) {}
