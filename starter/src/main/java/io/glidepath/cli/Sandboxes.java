package io.glidepath.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The dev stack's sandbox, as {@code release start --sandbox} checks it: the sandbox's limits
 * (seconds between regions) are only for releases that move the sandbox's simulated traffic, so the
 * CLI asks the sandbox to answer before it sends a release with them.
 */
final class Sandboxes {
  private Sandboxes() {}

  /** Returns when a sandbox answers at {@code url}; otherwise refuses, saying what to do. */
  static void require(String url) {
    String refused =
        "--sandbox: no sandbox answers at "
            + url
            + "; the sandbox's limits are for the dev stack only (start it with java -jar"
            + " glidepath-worker.jar --dev or dev-server, or set --sandbox-url), and a real"
            + " release goes without --sandbox";
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
      if (r.statusCode() != 200 || !r.body().contains("\"clusters\"")) {
        throw new IllegalArgumentException(refused);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(refused, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException(refused, e);
    }
  }
}
