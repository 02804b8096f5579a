package io.glidepath.worker.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.notify.Secrets;
import io.glidepath.status.MessageLimits;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a Slack user is for Glidepath: the configured mapping first, else the e-mail Slack's {@code
 * users.info} gives with the bot token. Never the display name, which anyone can change.
 */
class SlackUsers {
  private static final Logger log = LoggerFactory.getLogger(SlackUsers.class);

  /** A person as approvals carry them: the name the gate rules judge, and the identity recorded. */
  record Person(String name, String identity) {}

  private final Map<String, String> mapped = new HashMap<>();
  private final SlackApi api;
  private final Secrets secrets;
  private final String botToken;

  SlackUsers(List<String> users, SlackApi api, Secrets secrets, String botToken) {
    for (String entry : users == null ? List.<String>of() : users) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "glidepath.slack.users: expected SLACKUSERID=name, got " + entry);
      }
      mapped.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    this.api = api;
    this.secrets = secrets;
    this.botToken = botToken == null || botToken.isBlank() ? null : botToken;
  }

  /** The person behind Slack user {@code userId}, or why there is none. */
  Optional<Person> person(String userId, StringBuilder why) {
    String name = mapped.get(userId);
    if (name != null) {
      return Optional.of(new Person(name, "slack:" + userId));
    }
    if (botToken == null) {
      why.append("Slack user ")
          .append(userId)
          .append(" is not mapped to a Glidepath identity (glidepath.slack.users)");
      return Optional.empty();
    }
    try {
      var response = api.usersInfo("Bearer " + secrets.resolve(botToken), userId).execute();
      JsonNode body = response.body();
      if (!response.isSuccessful() || body == null || !body.path("ok").asBoolean()) {
        String error = body == null ? "HTTP " + response.code() : body.path("error").asText();
        log.warn("slack: users.info for {} failed: {}", userId, error);
        why.append("Slack's users.info did not answer for ")
            .append(userId)
            .append(" (")
            .append(error)
            .append(")");
        return Optional.empty();
      }
      String email = body.path("user").path("profile").path("email").asText("");
      if (email.isBlank() || MessageLimits.identityProblem(email).isPresent()) {
        why.append("Slack gives no e-mail for ")
            .append(userId)
            .append(" (the bot token needs users:read.email)");
        return Optional.empty();
      }
      return Optional.of(new Person(email, "slack:" + userId));
    } catch (IOException | RuntimeException e) {
      log.warn("slack: users.info for {} failed ({})", userId, e.getClass().getSimpleName());
      why.append("Slack's users.info did not answer for ").append(userId);
      return Optional.empty();
    }
  }
}
