package io.glidepath.analysis.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Query;

/** The Prometheus HTTP API endpoints Glidepath uses. Bodies are decoded by {@link PromResult}. */
interface PrometheusApi {

  /**
   * An instant query. https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries
   */
  @GET("api/v1/query")
  Call<JsonNode> query(
      @Query("query") String query, @Query("time") String time, @Query("timeout") String timeout);

  /** A range query. https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries */
  @GET("api/v1/query_range")
  Call<JsonNode> queryRange(
      @Query("query") String query,
      @Query("start") String start,
      @Query("end") String end,
      @Query("step") String step);
}
