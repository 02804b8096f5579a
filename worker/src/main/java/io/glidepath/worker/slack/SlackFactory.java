package io.glidepath.worker.slack;

import io.glidepath.http.Retrofits;
import io.glidepath.notify.Secrets;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;

/** The decision buttons' beans, present only when a signing secret is named. */
@Factory
@Requires(property = "glidepath.slack.signing-secret", pattern = ".*\\S.*")
final class SlackFactory {

  @Singleton
  SlackDecisions decisions(WorkflowClient client, Secrets secrets, SlackSettings s) {
    String base = s.apiUrl().endsWith("/") ? s.apiUrl() : s.apiUrl() + "/";
    SlackApi api = Retrofits.create(SlackApi.class, base, Retrofits.client(s.timeout()));
    return new SlackDecisions(
        client,
        new SlackUsers(s.users(), api, secrets, s.botToken()),
        api,
        System::currentTimeMillis);
  }
}
