package io.glidepath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * Grafana's annotations HTTP API.
 * https://grafana.com/docs/grafana/latest/developers/http_api/annotations/
 */
interface GrafanaApi {

  /** Creates an annotation; answers {@code {"message":"Annotation added","id":1}}. */
  @POST("api/annotations")
  Call<JsonNode> create(@Header("Authorization") String auth, @Body JsonNode annotation);

  /** Finds annotations carrying every one of {@code tags}. */
  @GET("api/annotations")
  Call<JsonNode> find(
      @Header("Authorization") String auth,
      @Query("tags") List<String> tags,
      @Query("type") String type,
      @Query("limit") int limit);

  /** Updates some fields of an annotation, e.g. {@code timeEnd} to close a region. */
  @PATCH("api/annotations/{id}")
  Call<JsonNode> patch(
      @Header("Authorization") String auth, @Path("id") long id, @Body JsonNode fields);
}
