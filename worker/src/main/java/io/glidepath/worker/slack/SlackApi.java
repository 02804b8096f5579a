package io.glidepath.worker.slack;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Query;
import retrofit2.http.Url;

/** The parts of Slack's API the decision buttons use. */
interface SlackApi {

  /**
   * A user's profile, with {@code profile.email} when the token has {@code users:read.email}:
   * https://api.slack.com/methods/users.info
   */
  @GET("users.info")
  Call<JsonNode> usersInfo(@Header("Authorization") String bearer, @Query("user") String user);

  /**
   * Answers an interaction through its {@code response_url} (ephemeral, or replacing the card):
   * https://api.slack.com/interactivity/handling#message_responses
   */
  @POST
  Call<ResponseBody> respond(@Url String responseUrl, @Body JsonNode message);
}
