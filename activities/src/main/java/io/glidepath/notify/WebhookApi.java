package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Url;

/** Incoming webhooks, whose whole URL is the secret. */
interface WebhookApi {

  /**
   * Posts a JSON payload. Slack answers 200 {@code ok}: https://api.slack.com/messaging/webhooks
   */
  @POST
  Call<ResponseBody> post(@Url String url, @Body JsonNode payload);
}
