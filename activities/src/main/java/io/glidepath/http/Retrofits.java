package io.glidepath.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/** How every adapter builds its Retrofit interface: one JSON mapper, one way to set a base URL. */
public final class Retrofits {
  /** The JSON mapper of every HTTP adapter. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private Retrofits() {}

  /** An HTTP client whose whole call, connection to last byte, ends within {@code timeout}. */
  public static OkHttpClient client(Duration timeout) {
    return new OkHttpClient.Builder().callTimeout(timeout).build();
  }

  /**
   * {@code api} against {@code baseUrl} (with or without its trailing slash) over {@code client}.
   */
  public static <T> T create(Class<T> api, String baseUrl, OkHttpClient client) {
    return new Retrofit.Builder()
        .baseUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")
        .client(client)
        .addConverterFactory(JacksonConverterFactory.create(JSON))
        .build()
        .create(api);
  }
}
