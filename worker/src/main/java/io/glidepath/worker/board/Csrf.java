package io.glidepath.worker.board;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cross-site request forgery protection for the board's actions. The identity comes from headers a
 * browser adds to every request, so a page elsewhere must not be able to act with it: an action
 * needs a token bound to the identity (HMAC with the board's secret, rendered into the board's own
 * forms), and when the browser names the request's origin it must be the board's own.
 */
final class Csrf {
  private final byte[] secret;

  /** With {@code secret}, or a random one when it is null or blank (one worker replica). */
  Csrf(String secret) {
    if (secret == null || secret.isBlank()) {
      this.secret = new byte[32];
      new SecureRandom().nextBytes(this.secret);
    } else {
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The token the board's forms carry for {@code identity}. */
  String token(String identity) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sum = mac.doFinal(("board-action\n" + identity).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code sent} is the token of {@code identity}; compared in constant time. */
  boolean valid(String identity, String sent) {
    if (sent == null) {
      return false;
    }
    return MessageDigest.isEqual(
        token(identity).getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the browser's {@code Origin} (or, without one, {@code Referer}) names the host the
   * request was sent to; a request naming neither passes here and rests on the token.
   */
  static boolean sameOrigin(String origin, String referer, String host) {
    String from = origin != null && !origin.isBlank() ? origin : referer;
    if (from == null || from.isBlank()) {
      return true;
    }
    if (host == null || host.isBlank() || "null".equals(from)) {
      return false;
    }
    try {
      URI u = URI.create(from.strip());
      String authority = u.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
