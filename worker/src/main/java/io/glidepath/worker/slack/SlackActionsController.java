package io.glidepath.worker.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.glidepath.http.Retrofits;
import io.glidepath.notify.CardAction;
import io.glidepath.notify.Secrets;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's interactivity requests ({@code POST /slack/actions}, the app's Request URL), on the
 * worker's HTTP port; present only when {@code glidepath.slack.signing-secret} names a secret.
 * Checks the signature and its age on the raw body, answers at once (Slack gives three seconds),
 * and carries the decision out afterwards. A request that fails the check changes nothing and is
 * logged without its body.
 */
@Controller("/slack")
@Requires(property = "glidepath.slack.signing-secret", pattern = ".*\\S.*")
final class SlackActionsController {
  private static final Logger log = LoggerFactory.getLogger(SlackActionsController.class);

  private final SlackDecisions decisions;
  private final Secrets secrets;
  private final String signingSecret;
  private final ExecutorService executor;

  SlackActionsController(
      SlackDecisions decisions,
      Secrets secrets,
      SlackSettings settings,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.decisions = decisions;
    this.secrets = secrets;
    this.signingSecret = settings.signingSecret();
    this.executor = executor;
  }

  @Post(value = "/actions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<String> actions(HttpRequest<?> request, @Nullable @Body byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    String key;
    try {
      key = secrets.resolve(signingSecret);
    } catch (IllegalStateException e) {
      // The message names the secret, never a value.
      log.error("slack: cannot check a request: {}", e.getMessage());
      return HttpResponse.serverError("");
    }
    var problem =
        SlackSignature.problem(
            key,
            request.getHeaders().get("X-Slack-Request-Timestamp"),
            request.getHeaders().get("X-Slack-Signature"),
            raw,
            System.currentTimeMillis() / 1000);
    if (problem.isPresent()) {
      log.warn(
          "slack: refused a request from {} ({} bytes): {}",
          request.getRemoteAddress().getAddress().getHostAddress(),
          raw.length,
          problem.get());
      return HttpResponse.unauthorized();
    }
    Optional<SlackDecisions.Click> click = click(raw);
    click.ifPresent(c -> executor.execute(() -> decisions.handle(c)));
    return HttpResponse.ok("");
  }

  /** The click in a {@code block_actions} payload; empty for anything else Slack sends. */
  static Optional<SlackDecisions.Click> click(byte[] raw) {
    String payload = null;
    for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("payload")) {
        payload = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    if (payload == null) {
      return Optional.empty();
    }
    try {
      JsonNode p = Retrofits.JSON.readTree(payload);
      if (!"block_actions".equals(p.path("type").asText())) {
        return Optional.empty();
      }
      JsonNode action = p.path("actions").path(0);
      return CardAction.parse(
              action.path("action_id").asText(null), action.path("value").asText(null))
          .map(
              a ->
                  new SlackDecisions.Click(
                      a,
                      p.path("user").path("id").asText(""),
                      p.path("response_url").asText(null),
                      p.has("message") ? p.get("message") : null));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
