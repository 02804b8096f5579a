package io.glidepath.environment;

/**
 * One environment as {@code env status} shows it.
 *
 * @param version the version serving there (its last completed release), or {@code null}
 * @param sinceMillis when that release completed; 0 without one
 * @param verified whether that version has earned the next environment (completed, ran long enough,
 *     not blocked); for the last environment, whether it completed and is not blocked
 * @param verifiedFromMillis when the version running here will have earned the next environment (0
 *     when it has, or never will without an override)
 * @param releasing the version being released here now, or {@code null}
 * @param last the last release here: its version, outcome and note
 * @param candidate the version that may come here next: the one serving in the environment before,
 *     when it differs from this one's and never completed here; {@code null} otherwise
 * @param admission whether {@code candidate} may come now, and why; {@code null} without one
 */
public record EnvironmentRow(
    String name,
    String version,
    long sinceMillis,
    boolean verified,
    long verifiedFromMillis,
    String releasing,
    EnvironmentRun last,
    String candidate,
    Admission admission) {}
