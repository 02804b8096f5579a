package io.glidepath.worker.board;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.HashMap;
import java.util.Map;

/** Serves the board on the worker's HTTP port, beside {@code /health} and {@code /prometheus}. */
@Controller("/board")
@Requires(property = "glidepath.board.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
final class BoardController {
  private final Board board;

  BoardController(Board board) {
    this.board = board;
  }

  @Get(produces = MediaType.TEXT_HTML)
  HttpResponse<String> list(HttpRequest<?> request) {
    return answer(board.handle(request(request, "/board", null)));
  }

  @Get(value = "/releases/{id}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> release(HttpRequest<?> request, String id) {
    return answer(board.handle(request(request, "/board/releases/" + id, null)));
  }

  @Get(value = "/environments/{service}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> environments(HttpRequest<?> request, String service) {
    return answer(board.handle(request(request, "/board/environments/" + service, null)));
  }

  @Post(
      value = "/releases/{id}/{action}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = MediaType.TEXT_HTML)
  HttpResponse<String> act(
      HttpRequest<?> request, String id, String action, @Nullable @Body Map<String, Object> form) {
    return answer(board.handle(request(request, "/board/releases/" + id + "/" + action, form)));
  }

  private static Board.Request request(
      HttpRequest<?> request, String path, Map<String, Object> form) {
    Map<String, String> params = new HashMap<>();
    request.getParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
    if (form != null) {
      form.forEach((k, v) -> params.put(k, v == null ? null : String.valueOf(v)));
    }
    return new Board.Request(
        request.getMethodName(), path, params, h -> request.getHeaders().get(h));
  }

  private static HttpResponse<String> answer(Board.Response r) {
    return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(r.status()))
        .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .header("Content-Security-Policy", "frame-ancestors 'none'")
        .body(r.html());
  }
}
