package io.glidepath.environment;

/**
 * Whether a version may enter an environment now, and why.
 *
 * @param reason what was found: what is missing when refused, what earned it when allowed
 * @param allowedFromMillis when refused only for lack of time, the moment it will be allowed; else
 *     0
 * @param override the override it enters under, or {@code null}
 */
public record Admission(boolean allowed, String reason, long allowedFromMillis, Ruling override) {
  static Admission yes(String reason) {
    return new Admission(true, reason, 0, null);
  }

  static Admission no(String reason) {
    return new Admission(false, reason, 0, null);
  }
}
