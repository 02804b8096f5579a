package io.glidepath.status;

/**
 * A person's control request: abort, pause, resume or roll back.
 *
 * @param by the name the person gives ({@code --by})
 * @param region for a region rollback, the region; else {@code null}
 * @param identity the Temporal client identity that sent it ({@code user@host} by default in the
 *     CLI), recorded beside the name claimed; {@code null} from older clients
 */
public record Control(String by, String reason, String region, String identity) {
  public Control(String by, String reason, String region) {
    this(by, reason, region, null);
  }
}
