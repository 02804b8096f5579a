package io.glidepath.worker.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature, version {@code v0}: {@code X-Slack-Signature} is {@code v0=} and the
 * hex HMAC-SHA256, keyed with the app's signing secret, of {@code
 * v0:<X-Slack-Request-Timestamp>:<raw body>}. A request older (or newer) than five minutes is
 * refused as a replay. https://api.slack.com/authentication/verifying-requests-from-slack
 */
final class SlackSignature {
  static final long MAX_AGE_SECONDS = 5 * 60;

  private SlackSignature() {}

  /** {@code v0=} and the signature of {@code body} sent at {@code timestamp}. */
  static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Why the request must be refused, or empty when it is Slack's: the timestamp within five minutes
   * of {@code nowSeconds}, and the signature equal in constant time.
   */
  static Optional<String> problem(
      String secret, String timestamp, String signature, byte[] body, long nowSeconds) {
    if (timestamp == null || signature == null) {
      return Optional.of("no X-Slack-Request-Timestamp or X-Slack-Signature header");
    }
    long sent;
    try {
      sent = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("the timestamp is not a number");
    }
    if (Math.abs(nowSeconds - sent) > MAX_AGE_SECONDS) {
      return Optional.of(
          "the timestamp is " + (nowSeconds - sent) + " s away from now (replay or clock skew)");
    }
    byte[] expected = sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
      return Optional.of("the signature does not match");
    }
    return Optional.empty();
  }
}
