package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glidepath.http.Retrofits;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * Posts JSON to webhooks named by secret. A 429 or 5xx is a retryable failure, any other error a
 * non-retryable one; both name the secret, never the URL, because the URL is the secret.
 */
final class Webhooks {
  static final ObjectMapper JSON = Retrofits.JSON;
  private final WebhookApi api;
  private final Secrets secrets;

  Webhooks(Secrets secrets, Duration timeout) {
    this.secrets = secrets;
    // Every call gives its full URL; the base is only required by Retrofit.
    this.api =
        Retrofits.create(WebhookApi.class, "https://hooks.invalid/", Retrofits.client(timeout));
  }

  /** Posts {@code payload} to the webhook in secret {@code secret}; {@code service} names it. */
  void post(String service, String secret, JsonNode payload) {
    Response<ResponseBody> response;
    try {
      response = api.post(secrets.resolve(secret), payload).execute();
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          service + " webhook " + secret + " did not answer (" + e.getClass().getSimpleName() + ")",
          "NotificationFailed");
    }
    try (ResponseBody ignored = response.body()) {
      if (response.isSuccessful()) {
        return;
      }
    }
    String message =
        service
            + " webhook "
            + secret
            + " answered HTTP "
            + response.code()
            + ": "
            + errorText(response);
    if (response.code() == 429 || response.code() >= 500) {
      throw ApplicationFailure.newFailure(message, "NotificationFailed");
    }
    throw ApplicationFailure.newNonRetryableFailure(message, "NotificationRejected");
  }

  private static String errorText(Response<ResponseBody> response) {
    try (ResponseBody body = response.errorBody()) {
      return body == null ? "no body" : Cards.clip(body.string().trim(), 200);
    } catch (IOException e) {
      return "unreadable body";
    }
  }
}
