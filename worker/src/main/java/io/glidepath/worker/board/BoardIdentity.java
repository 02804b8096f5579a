package io.glidepath.worker.board;

import io.glidepath.status.MessageLimits;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who uses the board, as the authenticating proxy in front of it says ({@code X-Forwarded-User},
 * {@code X-Forwarded-Email}, the headers oauth2-proxy sets), or the identity configured for a local
 * dev stack when no proxy sends one.
 *
 * @param name the person's name as approvals and controls carry it ({@code by}, {@code approver})
 * @param identity what the timeline records as the authenticated identity behind the name
 * @param fromProxy whether a proxy header said so, rather than the dev configuration
 */
record BoardIdentity(String name, String identity, boolean fromProxy) {
  static final String USER_HEADER = "X-Forwarded-User";
  static final String EMAIL_HEADER = "X-Forwarded-Email";

  /**
   * The identity of a request: the proxy's user header, else its e-mail header, else {@code
   * devIdentity} when configured, else empty (the board is then read-only). A header value that is
   * not a valid person's name ({@link MessageLimits#IDENTITY}) counts as absent.
   */
  static Optional<BoardIdentity> of(Function<String, String> headers, String devIdentity) {
    String user = valid(headers.apply(USER_HEADER));
    String email = valid(headers.apply(EMAIL_HEADER));
    if (user != null || email != null) {
      String name = user != null ? user : email;
      String id = "board:" + (email != null ? email : user);
      return Optional.of(new BoardIdentity(name, id, true));
    }
    String dev = valid(devIdentity);
    if (dev != null) {
      return Optional.of(new BoardIdentity(dev, "board-dev:" + dev, false));
    }
    return Optional.empty();
  }

  private static String valid(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return MessageLimits.identityProblem(t).isEmpty() ? t : null;
  }
}
