package io.glidepath.deploy;

/**
 * The state of a region before anything moves.
 *
 * @param stableVersion the version the stable Deployment runs
 * @param readyReplicas ready pods of the stable version
 * @param desiredReplicas pods the stable Deployment asks for
 * @param stableImage the image the stable version runs; {@code null} from workers before it existed
 */
public record PreflightReport(
    String region,
    String stableVersion,
    int readyReplicas,
    int desiredReplicas,
    String stableImage) {}
