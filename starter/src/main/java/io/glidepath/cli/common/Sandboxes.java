package io.glidepath.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The dev stack's sandbox as the CLI asks it: its {@code /sandbox} says where its clusters and
 * Prometheus are. {@code analyze} reads its Prometheus there; {@code release start --sandbox}
 * requires it to answer, as the sandbox's limits (seconds between regions) are only for releases
 * that move its simulated traffic.
 */
public final class Sandboxes {
  /** Where the dev stack's sandbox answers unless told otherwise. */
  public static final String URL = "http://127.0.0.1:7240";

  private Sandboxes() {}

  /** What the sandbox at {@code url} says about itself; null when none answers there. */
  public static JsonNode describe(String url) {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/sandbox"))
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Returns when a sandbox answers at {@code url}; otherwise refuses, saying what to do. */
  public static void require(String url) {
    JsonNode sandbox = describe(url);
    if (sandbox == null || !sandbox.has("clusters")) {
      throw new IllegalArgumentException(
          "--sandbox: no sandbox answers at "
              + url
              + "; the sandbox's limits are for the dev stack only (start it with java -jar"
              + " glidepath-dev.jar --dev or dev-server, or set --sandbox-url), and a real"
              + " release goes without --sandbox");
    }
  }
}
