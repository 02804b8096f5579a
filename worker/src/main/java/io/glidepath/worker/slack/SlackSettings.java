package io.glidepath.worker.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Slack's interactivity ({@code glidepath.slack.*}): the decision buttons on the cards. Secrets are
 * named (an environment variable, or {@code file:/path}), never given.
 *
 * @param signingSecret the secret holding the Slack app's signing secret; the endpoint {@code POST
 *     /slack/actions} exists only when it is set
 * @param botToken the secret holding the app's bot token ({@code xoxb-}, scopes {@code users:read}
 *     and {@code users:read.email}), to learn a clicker's e-mail through {@code users.info};
 *     without it only {@code users} maps people
 * @param users Slack user id to Glidepath name, {@code U024BE7LH=alice}, checked before the API
 * @param apiUrl Slack's Web API (another one in tests)
 * @param timeout per call to Slack
 */
@ConfigurationProperties("glidepath.slack")
public record SlackSettings(
    @Nullable String signingSecret,
    @Nullable String botToken,
    @Nullable List<String> users,
    @Bindable(defaultValue = "https://slack.com/api/") String apiUrl,
    @Bindable(defaultValue = "5s") Duration timeout) {}
