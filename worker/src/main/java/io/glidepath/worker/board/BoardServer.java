package io.glidepath.worker.board;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.glidepath.analysis.prometheus.PrometheusClient;
import io.glidepath.analysis.prometheus.PrometheusConfig;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The board on the JDK's HTTP server, for the demo, which runs its release in one process without
 * the Micronaut application. Bound to the loopback address only.
 */
public final class BoardServer implements AutoCloseable {
  private final HttpServer http;

  private BoardServer(HttpServer http) {
    this.http = http;
  }

  /**
   * Serves a board on {@code client} at {@code http://127.0.0.1:<port>/board} ({@code port} 0: any
   * free port), its charts from {@code prometheusUrl} (may be null), actions by {@code devIdentity}
   * when no proxy header names someone.
   */
  public static BoardServer start(
      WorkflowClient client, String prometheusUrl, int port, String devIdentity)
      throws IOException {
    PrometheusClient prometheus =
        prometheusUrl == null
            ? null
            : new PrometheusClient(
                new PrometheusConfig(prometheusUrl, Duration.ofSeconds(5), null, null, null, null));
    Board board =
        BoardFactory.create(
            client, prometheus, new BoardSettings(true, Duration.ofSeconds(1), devIdentity, null));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    http.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "board-http");
              t.setDaemon(true);
              return t;
            }));
    http.createContext("/board", x -> serve(board, x));
    http.start();
    return new BoardServer(http);
  }

  /** The board's address. */
  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/board";
  }

  private static void serve(Board board, HttpExchange x) throws IOException {
    try {
      URI uri = x.getRequestURI();
      Map<String, String> params = new HashMap<>(form(uri.getRawQuery()));
      if (x.getRequestMethod().equals("POST")) {
        params.putAll(
            form(new String(x.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8)));
      }
      Board.Response r =
          board.handle(
              new Board.Request(
                  x.getRequestMethod(),
                  uri.getPath(),
                  params,
                  h -> x.getRequestHeaders().getFirst(h)));
      byte[] body = r.html().getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
      x.getResponseHeaders().set("Cache-Control", "no-store");
      x.getResponseHeaders().set("X-Frame-Options", "DENY");
      x.sendResponseHeaders(r.status(), body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    } catch (RuntimeException e) {
      byte[] body = "the board failed; see the log".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(500, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    } finally {
      x.close();
    }
  }

  static Map<String, String> form(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
