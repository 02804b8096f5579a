package io.glidepath.traffic.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.PATCH;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Cloudflare API v4 endpoints Glidepath uses. Every answer is the v4 envelope ({@code success},
 * {@code errors}, {@code result}), decoded once by {@link CloudflareClient}.
 */
interface CloudflareApi {

  /**
   * https://developers.cloudflare.com/api/resources/load_balancers/subresources/pools/methods/get/
   */
  @GET("accounts/{account}/load_balancers/pools/{pool}")
  Call<JsonNode> getPool(@Path("account") String account, @Path("pool") String pool);

  /**
   * Overwrites the properties sent; {@code origins} is one property, so the whole list is sent.
   * https://developers.cloudflare.com/api/resources/load_balancers/subresources/pools/methods/edit/
   */
  @PATCH("accounts/{account}/load_balancers/pools/{pool}")
  Call<JsonNode> patchPool(
      @Path("account") String account, @Path("pool") String pool, @Body JsonNode body);

  /** https://developers.cloudflare.com/api/resources/load_balancers/methods/get/ */
  @GET("zones/{zone}/load_balancers/{lb}")
  Call<JsonNode> getLoadBalancer(@Path("zone") String zone, @Path("lb") String lb);

  /** https://developers.cloudflare.com/api/resources/load_balancers/methods/edit/ */
  @PATCH("zones/{zone}/load_balancers/{lb}")
  Call<JsonNode> patchLoadBalancer(
      @Path("zone") String zone, @Path("lb") String lb, @Body JsonNode body);

  /** https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/list/ */
  @GET("zones/{zone}/dns_records")
  Call<JsonNode> listDnsRecords(
      @Path("zone") String zone, @Query("name") String name, @Query("type") String type);

  /**
   * A partial update.
   * https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/edit/
   */
  @PATCH("zones/{zone}/dns_records/{id}")
  Call<JsonNode> patchDnsRecord(
      @Path("zone") String zone, @Path("id") String id, @Body JsonNode body);
}
