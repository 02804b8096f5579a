package io.glidepath.status;

/**
 * A person's request to move a region on without waiting out its current stage.
 *
 * @param region the region, or {@code null} for every running region
 * @param full {@code true} to go straight to 100% and promotion; {@code false} to end only the
 *     current stage's hold early
 * @param identity the Temporal client identity that sent it; {@code null} from older clients
 */
public record Promotion(String by, String reason, String region, boolean full, String identity) {
  public Promotion(String by, String reason, String region, boolean full) {
    this(by, reason, region, full, null);
  }
}
