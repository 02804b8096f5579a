package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.PUT;
import retrofit2.http.Path;

/** The Prometheus Pushgateway API. https://github.com/prometheus/pushgateway#api */
interface PushgatewayApi {

  /** Replaces every metric of the group {@code job=glidepath,service,region}. */
  @PUT("metrics/job/glidepath/service/{service}/region/{region}")
  Call<ResponseBody> put(
      @Path("service") String service, @Path("region") String region, @Body RequestBody metrics);

  /** Deletes the group. */
  @DELETE("metrics/job/glidepath/service/{service}/region/{region}")
  Call<ResponseBody> delete(@Path("service") String service, @Path("region") String region);

  /** Every group with its labels. https://github.com/prometheus/pushgateway#query-api */
  @GET("api/v1/metrics")
  Call<JsonNode> groups();
}
